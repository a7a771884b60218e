using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Scheduling.Mpc;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Scheduling;

/// <summary>When mpc counts a job as urgent, worked by hand on a 24-hour period of hourly steps. Job "in" needs 4 h
/// (4 GPU-hours on 1 GPU) and is due at 10:00, inside the period: its latest start is 06:00. Job "past" needs 4 h and is
/// due at 30:00, after the period ends at 24:00, where work left undone costs more than a miss: its latest start counts
/// as 20:00. With a margin of 0.1 (0.4 h, less than a step) each is urgent from one step before its latest start; with
/// a margin of 0.5 (2 h), from two steps before.</summary>
public class MpcUrgencyTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    [Theory]
    [InlineData(0.1, 0, 4, 5)]
    [InlineData(0.1, 1, 18, 19)]
    [InlineData(0.5, 0, 3, 4)]
    [InlineData(0.5, 1, 17, 18)]
    public void AJobIsUrgent_FromItsLatestStartLessTheMargin(double margin, int job, int lastCalm, int firstUrgent)
    {
        var s = new ScenarioBuilder(24)
            .Site("A", 2, 0, 1, 1.0, 100, ScenarioBuilder.Repeat(100, 24), ScenarioBuilder.Repeat(0, 24))
            .Job("in", 1, 4, T0, T0.AddHours(10), ["A"], interruptible: true, tier: FlexibilityTier.Relaxed)
            .Job("past", 1, 4, T0, T0.AddHours(30), ["A"], interruptible: true, tier: FlexibilityTier.Relaxed)
            .Build();
        var urgent = new bool[24];
        PlanActLoop.Run(s, new Watch(ctx => urgent[ctx.Fleet.Step] = MpcPolicy.IsUrgent(ctx.Fleet, job, margin)));
        Assert.False(urgent[lastCalm - 1]);
        Assert.False(urgent[lastCalm]);
        Assert.True(urgent[firstUrgent]);
    }

    private sealed class Watch(Action<DecisionContext> look) : IPolicy
    {
        public string Name => "watch";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) => look(ctx);
    }
}
