using Tandem.Scenarios;
using Tandem.Scheduling;

namespace Tandem.Simulation;

/// <summary>The digital twin: runs a policy over a scenario's grid, step by step, enforcing the physics and booking
/// the outcome. It never reads a policy's mind: a policy steers only through <see cref="FleetState"/>.</summary>
public static class Simulator
{
    /// <summary>Runs <paramref name="policy"/> over <paramref name="scenario"/>. Throws
    /// <see cref="PolicyViolationException"/> if the policy makes an illegal decision; afterwards the independent
    /// validator checks the whole run and lists what it finds in <see cref="RunResult.Violations"/>.</summary>
    public static RunResult Run(Scenario scenario, IPolicy policy, TimeProvider? clock = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        var started = clock.GetTimestamp();
        var state = new FleetState(scenario, policy.Name);
        var acc = new RunAccumulator(scenario);
        policy.Prepare(scenario);
        var steps = scenario.Grid.Count;
        var reportEvery = Math.Max(1, steps / 100);
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.BeginStep(step);
            policy.Decide(state);
            state.EndStep(acc);
            if (progress is not null && (step % reportEvery == 0 || step == steps - 1)) progress.Report((step + 1.0) / steps);
        }
        state.Log.CloseAll(steps);
        var result = acc.Finish(policy.Name, state, clock.GetElapsedTime(started).TotalSeconds);
        var (violations, rigidLate) = Validation.PlanValidator.Check(scenario, result);
        return result with { Violations = violations, RigidLate = rigidLate };
    }
}
