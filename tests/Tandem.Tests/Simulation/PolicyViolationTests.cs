using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Simulation;

/// <summary>The simulator rejects illegal decisions instead of clipping them.</summary>
public class PolicyViolationTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    private sealed class Scripted(Action<DecisionContext> act) : IPolicy
    {
        public string Name => "scripted";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) { if (ctx.Fleet.Step == 0) act(ctx); }
    }

    private static Scenario TwoSites() => new ScenarioBuilder(3)
        .Site("A", 2, 0.1, 1, 1.0, 1.5, ScenarioBuilder.Repeat(100, 3), ScenarioBuilder.Repeat(100, 3))
        .Site("B", 8, 0.1, 1, 1.0, 100, ScenarioBuilder.Repeat(100, 3), ScenarioBuilder.Repeat(100, 3))
        .Job("small", 1, 1, T0, T0.AddHours(3), ["A"])
        .Job("big", 4, 4, T0, T0.AddHours(3), ["B", "A"])
        .Build();

    [Fact]
    public void StartingOutsideResidency_IsRejected()
    {
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(TwoSites(), new Scripted(s => s.Start(0, 1, 0, 0))));
        Assert.Contains("data residency", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverCapacity_IsRejected()
    {
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(TwoSites(), new Scripted(s => s.Start(1, 0, 0, 0))));
        Assert.Contains("needs 4 GPUs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverTheGridLimit_IsRejected()
    {
        // Site A: idle 0.2 kW, limit 1.5 kW; one busy GPU adds 0.9 kW (ok), the second would reach 2.0 kW.
        var s = new ScenarioBuilder(3)
            .Site("A", 2, 0.1, 1, 1.0, 1.5, ScenarioBuilder.Repeat(100, 3), ScenarioBuilder.Repeat(100, 3))
            .Job("x", 1, 1, T0, T0.AddHours(3), ["A"]).Job("y", 1, 1, T0, T0.AddHours(3), ["A"]).Build();
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(s, new Scripted(st => { st.Start(0, 0, 0, 0); st.Start(1, 0, 0, 0); })));
        Assert.Contains("grid limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PausingANonInterruptibleJob_IsRejected()
    {
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(TwoSites(), new Scripted(s => { s.Start(0, 0, 0, 0); s.Pause(0); })));
        Assert.Contains("not interruptible", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumingAfterAPause_PaysTheCheckpointOverhead()
    {
        var s = new ScenarioBuilder(4)
            .Site("A", 1, 0, 1, 1.0, 100, ScenarioBuilder.Repeat(100, 4), ScenarioBuilder.Repeat(100, 4))
            .Job("ckpt", 1, 2, T0, T0.AddHours(4), ["A"], interruptible: true, overhead: TimeSpan.FromMinutes(30))
            .Build();
        var policy = new Stepwise(st =>
        {
            if (st.Fleet.Step == 0) st.Start(0, 0, 0, 0);
            if (st.Fleet.Step == 1) st.Pause(0);
            if (st.Fleet.Step == 2) st.Start(0, 0, 0, 0);
        });
        var r = PlanActLoop.Run(s, policy).Totals;
        // 1 h of work in step 0, then 30 min restoring and 30 min of work in step 2, the last 30 min in step 3:
        // done at 03:30; busy GPU-hours 1 + 1 + 0.5 = 2.5 kWh at 1 kW.
        Assert.Equal(1, r.JobsCompleted);
        Assert.Equal(2.5, r.Energy.KilowattHours, 9);
        Assert.Equal(3.5 - 2, r.MeanDelayHours, 9);
    }

    private sealed class Stepwise(Action<DecisionContext> act) : IPolicy
    {
        public string Name => "stepwise";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) => act(ctx);
    }
}
