using Tandem.Fleet;
using Tandem.Forecasting;
using Tandem.Grid;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Simulation;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Tests.Scheduling;

public class MpcPolicyTests
{
    /// <summary>Changing every signal after step k must not change anything mpc did up to step k: it never reads the
    /// future.</summary>
    [Theory]
    [InlineData(3, 10)]
    [InlineData(17, 20)]
    [InlineData(29, 5)]
    public void Mpc_DecisionsUpToAStep_DoNotDependOnLaterSignals(int seed, int k)
    {
        var scenario = SimulatorPropertyTests.Random(seed);
        var altered = scenario with { Sites = scenario.Sites.Select(s => Alter(s, k)).ToArray() };
        var a = Simulator.Run(scenario, PolicyCatalog.Create("mpc")!);
        var b = Simulator.Run(altered, PolicyCatalog.Create("mpc")!);
        var before = (RunResult r) => r.Log.Runs.Where(x => x.FromStep <= k).Select(x => (x.Job, x.Site, x.Pool, x.Level, x.FromStep)).OrderBy(x => x).ToList();
        Assert.Equal(before(a), before(b));
        for (var s = 0; s < scenario.Sites.Count; s++)
            for (var t = 0; t <= Math.Min(k, scenario.Grid.Count - 1); t++)
                Assert.Equal(a.Sites[s].BusyGpus[t], b.Sites[s].BusyGpus[t], 9);
    }

    private static Site Alter(Site s, int k)
    {
        var g = s.Signals;
        var ci = g.AverageIntensity.Values.ToArray().Select((v, i) => i > k ? CarbonIntensity.FromGramsPerKilowattHour(1000 - v.GramsPerKilowattHour % 900) : v).ToArray();
        var price = g.Price.Values.ToArray().Select((v, i) => i > k ? EnergyPrice.PerMwh(500 - v.PerMegawattHour, v.Currency) : v).ToArray();
        var signals = g with { AverageIntensity = new Series<CarbonIntensity>(g.AverageIntensity.Grid, ci), Price = new Series<EnergyPrice>(g.Price.Grid, price) };
        return new Site(s.Id, s.Name, s.TimeZone, s.Pools, s.Pue, s.GridLimit, s.Solar, s.Wind, s.Battery, signals);
    }

    [Fact]
    public void MpcsForecaster_IsTheSeasonalNaiveModel_RepeatingTheLastKnownDay()
    {
        double[] history = [1, 2, 3, 4, 5, 6];
        // Four steps a day: the next six values repeat the last four known ones, day by day.
        Assert.Equal([3.0, 4, 5, 6, 3, 4], new ModelForecaster(new SeasonalNaiveModel()).Forecast(history, 6, 4));
        Assert.Equal([7.0, 7, 7], new ModelForecaster(new SeasonalNaiveModel()).Forecast([7.0], 3, 24));
    }
}
