using Tandem.Scheduling.RunNow;
using Tandem.Scheduling.WaitAwhile;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

public class WaitAwhilePolicyTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    [Fact]
    public void EachJob_StartsInItsGreenestWindow()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 4, 0, 1, 1, 100, [500, 400, 100, 150, 300, 500], ScenarioBuilder.Repeat(100, 6))
            .Job("two-hours", 1, 2, T0, T0.AddHours(6), ["A"])
            .Build();
        var r = PlanActLoop.Run(s, new WaitAwhilePolicy());
        // Windows of two hours: 900, 500, 250, 450, 800 → start at step 2; energy 1 kWh at 100 and at 150 g/kWh.
        Assert.Equal(250, r.Totals.Emissions.Grams, 9);
        Assert.Equal([0, 0, 1, 1, 0, 0], r.Sites[0].BusyGpus);
    }

    [Fact]
    public void Jobs_Herd_IntoTheSameWindow_AndMissDeadlines_WhenCapacityBinds()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 1, 0, 1, 1, 100, [500, 400, 100, 100, 300, 500], ScenarioBuilder.Repeat(100, 6))
            .Job("a", 1, 1, T0, T0.AddHours(4), ["A"])
            .Job("b", 1, 1, T0, T0.AddHours(4), ["A"])
            .Job("c", 1, 1, T0, T0.AddHours(4), ["A"])
            .Build();
        var wa = PlanActLoop.Run(s, new WaitAwhilePolicy()).Totals;
        var now = PlanActLoop.Run(s, new RunNowPolicy()).Totals;
        // All three pick step 2 (100 g/kWh, the earliest of the tie). With one GPU they run at steps 2, 3 and 4: the
        // third finishes at 05:00, after its 04:00 deadline. Run-now runs them at steps 0, 1, 2 and meets all deadlines.
        Assert.Equal(1, wa.DeadlineMisses);
        Assert.Equal(0, now.DeadlineMisses);
        Assert.Equal(100 + 100 + 300, wa.Emissions.Grams, 9);
        Assert.Equal(500 + 400 + 100, now.Emissions.Grams, 9);
    }
}
