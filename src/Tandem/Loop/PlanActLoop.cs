using Tandem.Actuation;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Signals;
using Tandem.Simulation;
using Tandem.Validation;

namespace Tandem.Loop;

/// <summary>The plan–act loop over a past period: signals → policy → actuator, step by step, with the simulator as the
/// actuator. Each step the simulated fleet opens (releases jobs, sets the step's online demand), the policy gets an
/// observation, a signal view that ends at the end of the step and the clock, and issues commands; the fleet then
/// applies the physics and books the outcome. Afterwards the independent validator checks the run from the scenario and
/// the execution log alone.</summary>
public static class PlanActLoop
{
    /// <summary>Runs <paramref name="policy"/> over <paramref name="scenario"/>. Throws
    /// <see cref="PolicyViolationException"/> if the policy issues an illegal command; the validator's findings are in
    /// <see cref="RunResult.Violations"/>, and every command issued is in <see cref="RunResult.Commands"/>.</summary>
    public static RunResult Run(Scenario scenario, IPolicy policy, TimeProvider? clock = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        var started = clock.GetTimestamp();
        var fleet = new FleetState(scenario, policy.Name);
        var acc = new RunAccumulator(scenario);
        var commands = new List<Command>();
        var foresight = policy is IForesightPolicy or Scheduling.Replay.ReplayPolicy { Foresight: true };
        if (policy is IForesightPolicy oracle) oracle.Foresee(scenario);
        policy.Prepare(new PolicySetup(scenario.Fleet, scenario.Grid, scenario.Inference, scenario.Levers));
        var steps = scenario.Grid.Count;
        var reportEvery = Math.Max(1, steps / 100);
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fleet.BeginStep(step);
            var view = new SignalView(scenario.Signals, scenario.Grid.TimeAt(step + 1));
            policy.Decide(new DecisionContext(fleet, view, commands));
            fleet.EndStep(acc);
            if (progress is not null && (step % reportEvery == 0 || step == steps - 1)) progress.Report((step + 1.0) / steps);
        }
        fleet.Log.CloseAll(steps);
        var result = acc.Finish(policy.Name, fleet, clock.GetElapsedTime(started).TotalSeconds);
        var (violations, firmLate) = RunValidator.Check(scenario, result.Log, result.Totals, result.Sites);
        return result with { Violations = violations, FirmLate = firmLate, Commands = commands, Foresight = foresight };
    }
}
