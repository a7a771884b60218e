using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Scheduling;

/// <summary>mpc keeps its promise to firm jobs by pausing more tolerant work that can wait (Scheduling/Mpc/Preemption).</summary>
public class MpcPreemptionTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    /// <summary>One site of 4 GPUs, flat intensity. A relaxed interruptible job (4 GPUs, 3 h, due at hour 20) starts at
    /// once; at hour 1 a rigid job (4 GPUs, 2 h, due at hour 3) arrives that must start now. Hand-worked: only pausing
    /// the relaxed job makes room; it resumes at hour 3 with its 2 h left and finishes at hour 5, well before 20.</summary>
    private static Tandem.Scenarios.Scenario Scenario(bool relaxedInterruptible) => new ScenarioBuilder(24)
        .Site("a", 4, 0.05, 0.3, 1.2, 100, ScenarioBuilder.Repeat(500, 24), ScenarioBuilder.Repeat(300, 24))
        .Job("relaxed", 4, 12, T0, T0.AddHours(20), ["a"], interruptible: relaxedInterruptible, tier: FlexibilityTier.Relaxed)
        .Job("rigid", 4, 8, T0.AddHours(1), T0.AddHours(3), ["a"], tier: FlexibilityTier.Rigid)
        .Build();

    [Fact]
    public void AFirmJobThatMustStartNow_PausesTolerantWorkThatCanWait_AndBothFinishOnTime()
    {
        var s = Scenario(relaxedInterruptible: true);
        var r = PlanActLoop.Run(s, PolicyCatalog.Create("mpc")!);
        Assert.Empty(r.Violations);
        Assert.Empty(r.FirmLate);
        Assert.Equal(T0.AddHours(3), r.Log.FinishedAt(1));
        Assert.Contains(r.Commands, c => c is PauseJob { JobId: "relaxed" } p && p.At == T0.AddHours(1));
        Assert.Equal(T0.AddHours(5), r.Log.FinishedAt(0));
    }

    [Fact]
    public void WorkThatCannotBePaused_IsNotPaused_AndTheFirmJobWaits()
    {
        var s = Scenario(relaxedInterruptible: false);
        var r = PlanActLoop.Run(s, PolicyCatalog.Create("mpc")!);
        Assert.Empty(r.Violations);
        Assert.DoesNotContain(r.Commands, c => c is PauseJob);
        Assert.Single(r.FirmLate);
    }
}
