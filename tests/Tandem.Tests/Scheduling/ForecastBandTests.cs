using Tandem.Loop;
using Tandem.Planning;
using Tandem.Scheduling;
using Tandem.Scheduling.Mpc;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

public class ForecastBandTests
{
    /// <summary>Records the band mpc's move rule would use, at one step.</summary>
    private sealed class Probe(int atStep) : IPolicy
    {
        public double[]? Band { get; private set; }
        public string Name => "probe";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx)
        {
            if (ctx.Fleet.Step == atStep) Band = (double[])new ForecastBand(Objective.Emissions).At(ctx.Fleet, ctx.Signals).Clone();
        }
    }

    /// <summary>Hand-worked: site a's intensity is 100 g/kWh on day 0 and rises by 10 each day, so yesterday's value is
    /// always 10 g/kWh off; site b's is 300 every hour, so it is never off. Prices are flat. The band in objective
    /// weight per kWh is then 10 g × the objective's weight per kg / 1000 at a, and 0 at b.</summary>
    [Fact]
    public void TheBand_IsTheSeasonalNaiveErrorOfTheWeight_OverThePastWeek()
    {
        const int steps = 24 * 10;
        var a = Enumerable.Range(0, steps).Select(t => 100.0 + 10 * (t / 24)).ToArray();
        var s = new ScenarioBuilder(steps)
            .Site("a", 4, 0.05, 0.3, 1.2, 100, a, ScenarioBuilder.Repeat(300, steps))
            .Site("b", 4, 0.05, 0.3, 1.2, 100, ScenarioBuilder.Repeat(300, steps), ScenarioBuilder.Repeat(300, steps))
            .Build();
        var probe = new Probe(24 * 9 + 5);
        PlanActLoop.Run(s, probe);
        Assert.NotNull(probe.Band);
        Assert.Equal(Objective.Emissions.PerKgCo2e * 10 / 1000, probe.Band![0], 12);
        Assert.Equal(0, probe.Band[1], 12);
    }
}
