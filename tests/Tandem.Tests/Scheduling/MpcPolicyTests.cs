using Tandem.Signals;
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
        Assert.Equal(DecisionsUpTo(a, k), DecisionsUpTo(b, k));
        for (var s = 0; s < scenario.Sites.Count; s++)
            for (var t = 0; t <= Math.Min(k, scenario.Grid.Count - 1); t++)
                Assert.Equal(a.Sites[s].BusyGpus[t], b.Sites[s].BusyGpus[t], 9);
    }

    /// <summary>The same for mpc on learned forecasts, with thirty days of grid history before the start so that its
    /// LightGBM models are trained and used: history is the past, so it stays; everything after step k changes.</summary>
    [Theory]
    [InlineData(3, 10)]
    [InlineData(29, 5)]
    public void MpcLightgbm_DecisionsUpToAStep_DoNotDependOnLaterSignals(int seed, int k)
    {
        var plain = SimulatorPropertyTests.Random(seed);
        var scenario = plain with { Sites = plain.Sites.Select((s, i) => WithHistory(s, i, plain.Grid, 30)).ToArray() };
        var altered = scenario with { Sites = scenario.Sites.Select(s => Alter(s, k)).ToArray() };
        var fits = 0;
        // mpc-lightgbm as the catalog builds it, with its LightGBM fits counted to show the learned path is taken.
        MpcPolicy Make() => new(Objective.Emissions, new ModelForecaster("lightgbm", key => key.Kind is SignalKind.Carbon or SignalKind.Price or SignalKind.CarbonFree
            ? new Counted(new LightGbmModel(trainDays: 365), () => fits++) : null), MpcPolicy.DefaultHorizon);
        var a = Simulator.Run(scenario, Make());
        var b = Simulator.Run(altered, Make());
        Assert.Equal(DecisionsUpTo(a, k), DecisionsUpTo(b, k));
        Assert.Empty(a.Violations);
        Assert.True(fits > 0, "the LightGBM models were never trained");
    }

    /// <summary>Every start the run made up to step <paramref name="k"/>: job, site, pool, power level and step.</summary>
    private static List<(int Job, int Site, int Pool, int Level, int FromStep)> DecisionsUpTo(RunResult r, int k) =>
        r.Log.Runs.Where(x => x.FromStep <= k).Select(x => (x.Job, x.Site, x.Pool, x.Level, x.FromStep)).OrderBy(x => x).ToList();

    private sealed class Counted(IForecastModel inner, Action onFit) : IForecastModel
    {
        public string Name => inner.Name;
        public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) { onFit(); inner.Fit(series, trainEnd, horizon, issueEvery); }
        public double[] Predict(ForecastRequest request) => inner.Predict(request);
    }

    private static Site WithHistory(Site s, int index, TimeGrid grid, int days)
    {
        var perDay = (int)(TimeSpan.FromDays(1) / grid.Step);
        var past = new TimeGrid(grid.Start - TimeSpan.FromDays(days), grid.Step, days * perDay);
        var rng = new Random(index);
        double Shape(int i) => Math.Sin(2 * Math.PI * (i % perDay) / perDay);
        var ci = Enumerable.Range(0, past.Count).Select(i => CarbonIntensity.FromGramsPerKilowattHour(400 + 150 * Shape(i) + 20 * rng.NextDouble())).ToArray();
        var currency = s.Signals.Price[0].Currency;
        var price = Enumerable.Range(0, past.Count).Select(i => EnergyPrice.PerMwh(60 - 30 * Shape(i) + 5 * rng.NextDouble(), currency)).ToArray();
        var history = new GridHistory(past, new Series<CarbonIntensity>(past, ci), null, new Series<EnergyPrice>(past, price));
        return WithSignals(s, s.Signals with { History = history });
    }

    private static Site Alter(Site s, int k)
    {
        var g = s.Signals;
        var ci = g.AverageIntensity.Values.ToArray().Select((v, i) => i > k ? CarbonIntensity.FromGramsPerKilowattHour(1000 - v.GramsPerKilowattHour % 900) : v).ToArray();
        var price = g.Price.Values.ToArray().Select((v, i) => i > k ? EnergyPrice.PerMwh(500 - v.PerMegawattHour, v.Currency) : v).ToArray();
        var signals = g with { AverageIntensity = new Series<CarbonIntensity>(g.AverageIntensity.Grid, ci), Price = new Series<EnergyPrice>(g.Price.Grid, price) };
        return WithSignals(s, signals);
    }

    private static Site WithSignals(Site s, GridSignals signals) =>
        new(s.Id, s.Name, s.TimeZone, s.Pools, s.Pue, s.GridLimit, s.Solar, s.Wind, s.Battery, signals);

    [Fact]
    public void MpcsForecaster_IsTheSeasonalNaiveModel_RepeatingTheLastKnownDay()
    {
        double[] history = [1, 2, 3, 4, 5, 6];
        // Four steps a day: the next six values repeat the last four known ones, day by day.
        var key = new SignalKey(SignalKind.Carbon, 0);
        Assert.Equal([3.0, 4, 5, 6, 3, 4], ModelForecaster.SeasonalNaive().Forecast(key, history, 6, 4));
        Assert.Equal([7.0, 7, 7], ModelForecaster.SeasonalNaive().Forecast(key, [7.0], 3, 24));
    }
}

public class ModelForecasterTests
{
    /// <summary>A real model (seasonal naive shifted by a constant) that records the histories it was fitted on.</summary>
    private sealed class Recording(double shift) : IForecastModel
    {
        public List<double[]> Fits { get; } = [];
        public string Name => "recording";
        public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) => Fits.Add(series.Values[..trainEnd]);
        public double[] Predict(ForecastRequest r) => new SeasonalNaiveModel().Predict(r).Select(v => v + shift).ToArray();
    }

    [Fact]
    public void EachSignal_GetsItsOwnModel_FittedOnItsOwnHistory_AtMostDaily_AndOnlyForTheLearnedHorizon()
    {
        var models = new Dictionary<SignalKey, Recording>();
        var forecaster = new ModelForecaster("recording", key => key.Kind == SignalKind.Inference ? null : models[key] = new Recording(key.Index + 1));
        var perDay = 24;
        var days = ModelForecaster.MinimumHistoryDays + 3;
        var a = Enumerable.Range(0, days * perDay).Select(i => (double)(i % perDay)).ToArray();
        var b = a.Select(v => 100 + v).ToArray();
        var carbonA = new SignalKey(SignalKind.Carbon, 0);
        var carbonB = new SignalKey(SignalKind.Carbon, 1);
        var horizon = 3 * perDay;
        var fa = forecaster.Forecast(carbonA, a, horizon, perDay);
        var fb = forecaster.Forecast(carbonB, b, horizon, perDay);
        // Two days (the learned horizon) from the model, shifted by its constant; the third day is plain seasonal naive.
        for (var k = 0; k < horizon; k++)
        {
            Assert.Equal(k % perDay + (k < 2 * perDay ? 1 : 0), fa[k]);
            Assert.Equal(100 + k % perDay + (k < 2 * perDay ? 2 : 0), fb[k]);
        }
        Assert.Equal([a], models[carbonA].Fits);
        Assert.Equal([b], models[carbonB].Fits);
        // An hour later: no refit; a day later: one.
        forecaster.Forecast(carbonA, a.Append(0).ToArray(), horizon, perDay);
        Assert.Single(models[carbonA].Fits);
        forecaster.Forecast(carbonA, a.Concat(a[..perDay]).ToArray(), horizon, perDay);
        Assert.Equal(2, models[carbonA].Fits.Count);
        // Too little history: seasonal naive, no fit.
        var shortKey = new SignalKey(SignalKind.Price, 0);
        var f = forecaster.Forecast(shortKey, a[..(5 * perDay)], horizon, perDay);
        Assert.Empty(models[shortKey].Fits);
        Assert.Equal(Enumerable.Range(0, horizon).Select(k => (double)(k % perDay)), f);
    }
}
