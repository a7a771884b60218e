using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;

namespace Tandem.Loop;

/// <summary>The plan–act loop over a past period: signals → policy → actuator, step by step, with the simulator as the
/// actuator. Each step the simulated fleet opens (releases jobs, sets the step's online demand), the policy gets an
/// observation, a signal view that ends at the end of the step and the clock, and issues commands; the fleet then
/// applies the physics and books the outcome. Afterwards the independent validator checks the run from the scenario and
/// the execution log alone.</summary>
public static class PlanActLoop
{
    /// <summary>Runs <paramref name="policy"/> over <paramref name="scenario"/>. Throws
    /// <see cref="Actuation.PolicyViolationException"/> if the policy issues an illegal command; the validator's findings are in
    /// <see cref="RunResult.Violations"/>, and every command issued is in <see cref="RunResult.Commands"/>.</summary>
    public static RunResult Run(Scenario scenario, IPolicy policy, TimeProvider? clock = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var run = new SteppedRun(scenario, policy, clock);
        var steps = scenario.Grid.Count;
        var reportEvery = Math.Max(1, steps / 100);
        while (!run.Finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = run.NextStep;
            run.RunStep();
            if (progress is not null && (step % reportEvery == 0 || step == steps - 1)) progress.Report((step + 1.0) / steps);
        }
        return run.Finish();
    }
}
