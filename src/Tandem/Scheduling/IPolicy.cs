namespace Tandem.Scheduling;

/// <summary>A scheduling policy: each step it looks at an observation of the fleet, the signals up to now and its
/// forecasts, and issues commands (start, pause, set power level, serve inference). It never holds the simulator or the
/// scenario, so it cannot tell which actuator runs the fleet nor read a value from after now, except where it is a
/// perfect-foresight yardstick (<see cref="IForesightPolicy"/>), which is handed the future explicitly.</summary>
public interface IPolicy
{
    /// <summary>The name used on the command line and in reports, e.g. run-now.</summary>
    string Name { get; }
    /// <summary>Called once before the first step, with what the fleet is made of and the period to be run.</summary>
    void Prepare(PolicySetup setup);
    /// <summary>Makes this step's decisions.</summary>
    void Decide(DecisionContext context);
}
