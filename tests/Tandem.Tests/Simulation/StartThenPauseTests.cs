using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Simulation;

/// <summary>A job started and paused within the same step never ran: resuming it restores no checkpoint. One site,
/// one job of 2 GPU-hours on 2 GPUs with a 30-minute checkpoint overhead: started and paused at 00:00, started again
/// at 01:00, it runs one hour and finishes at 02:00 (not 02:30), and the validator, which sees one stretch from 01:00,
/// agrees. (mpc did this when it paused a job it had just started to make room for an urgent one.)</summary>
public class StartThenPauseTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    private sealed class Scripted : IPolicy
    {
        public string Name => "scripted";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx)
        {
            if (ctx.Fleet.Step == 0) { ctx.Start(0, 0, 0, 0); ctx.Pause(0); }
            if (ctx.Fleet.Step == 1) ctx.Start(0, 0, 0, 0);
        }
    }

    /// <summary>One site of 2 GPUs at 1 kW, 100 g/kWh, four hours; one interruptible job on both GPUs with a
    /// 30-minute checkpoint.</summary>
    private static Tandem.Scenarios.Scenario OneJob(double workGpuHours) => new ScenarioBuilder(4)
        .Site("A", 2, 0, 1, 1.0, 100, ScenarioBuilder.Repeat(100, 4), ScenarioBuilder.Repeat(0, 4))
        .Job("j", 2, workGpuHours, T0, T0.AddHours(4), ["A"], interruptible: true, overhead: TimeSpan.FromMinutes(30), tier: FlexibilityTier.Relaxed)
        .Build();

    [Fact]
    public void StartAndPauseInOneStep_CostsNoCheckpointOnResume()
    {
        var s = OneJob(workGpuHours: 2);
        var run = PlanActLoop.Run(s, new Scripted());
        Assert.Empty(run.Violations);
        Assert.Equal(T0.AddHours(2), run.Log.FinishedAt(0));
        Assert.Equal(0.2, run.Totals.Emissions.Kilograms, 9); // 2 GPUs × 1 kW × 1 h × 100 g/kWh
    }

    private sealed class Churn : IPolicy
    {
        public string Name => "churn";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx)
        {
            if (ctx.Fleet.Step == 0) ctx.Start(0, 0, 0, 0);
            if (ctx.Fleet.Step == 1) ctx.Pause(0);
            if (ctx.Fleet.Step == 2) { ctx.Start(0, 0, 0, 0); ctx.Pause(0); ctx.Start(0, 0, 0, 0); }
        }
    }

    /// <summary>Run an hour, paused, then at 02:00 started, paused and started again within the step: one resume, one
    /// checkpoint (30 min), so the second GPU-hour ends at 03:30. (mpc made room this way for jobs it then made room
    /// from, and the simulator charged the checkpoint twice while the validator, seeing one stretch, charged it once.)</summary>
    [Fact]
    public void StartPauseStartInOneStep_CostsOneCheckpoint()
    {
        var s = OneJob(workGpuHours: 4);
        var run = PlanActLoop.Run(s, new Churn());
        Assert.Empty(run.Violations);
        Assert.Equal(T0.AddHours(3.5), run.Log.FinishedAt(0));
    }
}
