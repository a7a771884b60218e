using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Scheduling;

/// <summary>A scheduling policy: each step it looks at the fleet and decides which jobs run where, at which power
/// level, and where online demand is served. It must respect every hard constraint; the fleet state rejects an
/// illegal action with <see cref="PolicyViolationException"/>.</summary>
public interface IPolicy
{
    /// <summary>The name used on the command line and in reports, e.g. run-now.</summary>
    string Name { get; }
    /// <summary>Called once before the first step, with the scenario to be run.</summary>
    void Prepare(Scenario scenario);
    /// <summary>Makes this step's decisions.</summary>
    void Decide(FleetState state);
}
