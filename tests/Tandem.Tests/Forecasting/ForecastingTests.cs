using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class ForecastingTests
{
    private static readonly DateTimeOffset T0 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ForecastSeries Synthetic(int days, int seed, bool withCovariate = true)
    {
        var rng = new Random(seed);
        var n = days * 24;
        var times = Enumerable.Range(0, n).Select(i => T0.AddHours(i)).ToArray();
        var wind = Enumerable.Range(0, n).Select(i => 50 + 40 * Math.Sin(i / 17.0) + rng.NextDouble() * 5).ToArray();
        var values = Enumerable.Range(0, n).Select(i => 300 + 80 * Math.Sin(2 * Math.PI * (i % 24) / 24) - (withCovariate ? 2 * wind[i] : 0) + rng.NextDouble() * 10).ToArray();
        var cov = withCovariate ? new Dictionary<string, double[]> { ["forecast_wind_kw"] = wind } : [];
        return new ForecastSeries("carbon_intensity_g_per_kwh", times, values, cov);
    }

    /// <summary>A forecast must never see the future: scramble every target and covariate value from the issue time on
    /// (covariates only beyond the horizon, since known-in-advance forecasts of the horizon are allowed) and the
    /// forecasts issued then must not change, for every model.</summary>
    [Theory]
    [InlineData("persistence")]
    [InlineData("seasonal-naive")]
    [InlineData("seasonal-naive-weekly")]
    [InlineData("lightgbm")]
    [InlineData("dlinear")]
    [InlineData("lear")]
    [InlineData("ensemble")]
    public void NoModel_ReadsDataAfterTheIssueTime(string name)
    {
        var s = Synthetic(60, 1);
        var issue = 50 * 24;
        IForecastModel Make() => name switch
        {
            "persistence" => new PersistenceModel(),
            "seasonal-naive" => new SeasonalNaiveModel(1),
            "seasonal-naive-weekly" => new SeasonalNaiveModel(7),
            "lightgbm" => new LightGbmModel(trainDays: 40, iterations: 20),
            "lear" => new LearModel(trainDays: 40),
            "ensemble" => new EnsembleModel("ensemble", new LightGbmModel(trainDays: 40, iterations: 20), new LearModel(trainDays: 40)),
            _ => new DLinearModel(lookback: 96),
        };
        var a = Make();
        a.Fit(s, issue, 24, 24);
        var before = a.Predict(new ForecastRequest(s, issue, 24));
        // Targets from the issue on, and covariates beyond the horizon, become nonsense.
        var scrambled = new ForecastSeries(s.Target, s.Times,
            s.Values.Select((v, i) => i >= issue ? -1e6 * (i % 7) : v).ToArray(),
            s.Covariates.ToDictionary(kv => kv.Key, kv => kv.Value.Select((v, i) => i >= issue + 24 ? 1e9 : v).ToArray()));
        var b = Make();
        b.Fit(scrambled, issue, 24, 24);
        var after = b.Predict(new ForecastRequest(scrambled, issue, 24));
        Assert.Equal(before, after);
    }

    [Fact]
    public void ARequest_CannotReadACovariateBeyondItsHorizon()
    {
        var s = Synthetic(10, 2);
        var thrown = false;
        try { _ = new ForecastRequest(s, 5 * 24, 24).Covariate("forecast_wind_kw", 24); }
        catch (ArgumentOutOfRangeException) { thrown = true; }
        Assert.True(thrown);
        Assert.Equal(5 * 24, new ForecastRequest(s, 5 * 24, 24).History.Length);
    }

    [Fact]
    public void SeasonalNaive_RepeatsYesterday_AndPersistence_TheLastValue()
    {
        var s = Synthetic(5, 3, withCovariate: false);
        var r = new ForecastRequest(s, 3 * 24, 30);
        var f = new SeasonalNaiveModel().Predict(r);
        for (var k = 0; k < 24; k++) Assert.Equal(s.Values[2 * 24 + k], f[k]);
        for (var k = 24; k < 30; k++) Assert.Equal(s.Values[2 * 24 + k - 24], f[k]); // day before yesterday is the last known for those hours
        Assert.All(new PersistenceModel().Predict(r), v => Assert.Equal(s.Values[3 * 24 - 1], v));
    }

    [Fact]
    public void DLinear_RecoversAnExactLinearRecurrence()
    {
        // x[t] = 0.6·x[t−1] + 0.3·x[t−2] + sin term: a linear function of the past window, which DLinear can represent.
        var n = 3000;
        var x = new double[n];
        x[0] = 1; x[1] = 2;
        for (var t = 2; t < n; t++) x[t] = 0.6 * x[t - 1] + 0.3 * x[t - 2] + Math.Sin(t * 0.3);
        // With a lookback of 48 the sine is a linear function of the window too, so the one-step forecast is exact.
        var m = new DLinearModel(lookback: 48, kernel: 5, ridge: 1e-10);
        m.FitWindows([x.AsMemory(0, 2500)], horizon: 1);
        var worst = 0.0;
        for (var t = 2500; t < n; t++) worst = Math.Max(worst, Math.Abs(m.Predict(x.AsSpan(t - 48, 48), 1)[0] - x[t]));
        Assert.True(worst < 1e-4, $"largest one-step error {worst}");
    }

    [Fact]
    public void Metrics_MatchAHandComputedCase()
    {
        var t = T0;
        ForecastPoint P(double y, double f, double lo, double hi) => new(t, t, y, f, lo, hi);
        var m = ForecastMetrics.Of([P(100, 90, 80, 95), P(200, 220, 190, 230), P(50, 50, 40, 60)], 0.9);
        Assert.Equal((10 + 20 + 0) / 3.0, m.Mae, 12);
        Assert.Equal((0.1 + 0.1 + 0) / 3 * 100, m.MapePercent, 12);
        Assert.Equal((10 / 95.0 + 20 / 210.0 + 0) / 3 * 100, m.SmapePercent, 12);
        Assert.Equal(Math.Sqrt((100 + 400 + 0) / 3.0), m.Rmse, 12);
        Assert.Equal(2 / 3.0, m.Coverage, 12);
        // An interval not yet calibrated (infinite) is left out of coverage rather than counted as a hit.
        var early = ForecastMetrics.Of([P(100, 90, 80, 95), P(10, 10, double.NegativeInfinity, double.PositiveInfinity)], 0.9);
        Assert.Equal(0, early.Coverage);
    }

    [Fact]
    public void ConformalIntervals_ReachTheirCoverage_OnExchangeableErrors()
    {
        var rng = new Random(5);
        var c = new ConformalIntervals(1, 0.9, window: 200);
        var hits = 0;
        var n = 0;
        for (var i = 0; i < 3000; i++)
        {
            var actual = rng.NextDouble() * 2 - 1 + (rng.NextDouble() * 2 - 1);
            if (i >= 200)
            {
                n++;
                if (Math.Abs(actual) <= c.HalfWidth(0)) hits++;
            }
            c.Add(0, actual, 0);
        }
        Assert.InRange(hits / (double)n, 0.88, 0.93);
    }

    [Fact]
    public void Backtest_OfSeasonalNaive_EqualsTheHandComputedError()
    {
        // A series that repeats daily plus a step up on day 20: seasonal naive is exact except the first day after.
        var n = 30 * 24;
        var times = Enumerable.Range(0, n).Select(i => T0.AddHours(i)).ToArray();
        var values = Enumerable.Range(0, n).Select(i => (i % 24) + (i >= 20 * 24 ? 10.0 : 0)).ToArray();
        var s = new ForecastSeries("x_kw", times, values, new Dictionary<string, double[]>());
        var r = Backtester.Run(s, new SeasonalNaiveModel(), 24, T0.AddDays(15), T0.AddDays(25), TimeSpan.FromDays(1));
        Assert.Equal(10 * 24, r.Metrics.Count);
        // Only the 24 forecasts issued on day 20 miss, each by 10.
        Assert.Equal(24 * 10 / (10 * 24.0), r.Metrics.Mae, 12);
    }
}

public class ForecastModelPersistenceTests
{
    [Fact]
    public void TrainedModels_SaveAndLoad_ToTheSameForecasts()
    {
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rng = new Random(9);
        var n = 50 * 24;
        var times = Enumerable.Range(0, n).Select(i => t0.AddHours(i)).ToArray();
        var values = Enumerable.Range(0, n).Select(i => 100 + 30 * Math.Sin(2 * Math.PI * (i % 24) / 24) + rng.NextDouble()).ToArray();
        var s = new ForecastSeries("x_kw", times, values, new Dictionary<string, double[]> { ["load_forecast_kw"] = values.Select(v => v * 2).ToArray() });
        var dir = Path.Combine(Path.GetTempPath(), "tandem-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var issue = 45 * 24;
            var lgb = new LightGbmModel(trainDays: 30, iterations: 20);
            lgb.Fit(s, issue, 24, 24);
            lgb.Save(Path.Combine(dir, "lgb.zip"));
            var lgb2 = new LightGbmModel();
            lgb2.Load(Path.Combine(dir, "lgb.zip"));
            Assert.Equal(lgb.Predict(new ForecastRequest(s, issue, 24)), lgb2.Predict(new ForecastRequest(s, issue, 24)));

            var dl = new DLinearModel(lookback: 72);
            dl.Fit(s, issue, 24, 24);
            dl.Save(Path.Combine(dir, "dlinear.json"));
            var dl2 = new DLinearModel(lookback: 72);
            dl2.Load(Path.Combine(dir, "dlinear.json"));
            Assert.Equal(dl.Predict(new ForecastRequest(s, issue, 24)), dl2.Predict(new ForecastRequest(s, issue, 24)));
            Assert.Throws<InvalidDataException>(() => new DLinearModel(lookback: 48).Load(Path.Combine(dir, "dlinear.json")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
