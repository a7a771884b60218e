using Tandem.Forecasting;
using Tandem.Signals;
using Tandem.Tests.Scheduling;

namespace Tandem.Tests.Forecasting;

public class BacktestedForecasterTests
{
    [Fact]
    public void DailyProfile_IsTheMeanOfTheLastDays_AnchoredAtTheLatestValue_WithAFadingGap()
    {
        // Four steps a day, two days known: [1 2 3 4] [3 4 5 6]. Profile by time of day over both days: 2 3 4 5.
        // The latest value 6 sits 1 above its profile (5); with a half-life of one step the gap adds 1/2, 1/4, ...
        double[] history = [1, 2, 3, 4, 3, 4, 5, 6];
        var series = new ForecastSeries("x", Times(history.Length + 6, 4), [.. history, .. new double[6]], new Dictionary<string, double[]>());
        var f = new DailyProfileModel(days: 2, halfLifeSteps: 1).Predict(new ForecastRequest(series, history.Length, 6));
        double[] expected = [2 + 0.5, 3 + 0.25, 4 + 0.125, 5 + 0.0625, 2 + 0.03125, 3 + 0.015625];
        Assert.Equal(expected, f, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void ItChoosesPerSignal_TheCandidateThatBacktestsBest()
    {
        const int perDay = 24;
        var days = BacktestedForecaster.BacktestDays + 9;
        // A pure daily cycle: yesterday's value is exact, so seasonal naive (first among the exact ones) wins.
        var cycle = Enumerable.Range(0, days * perDay).Select(i => 100 + 50 * Math.Sin(2 * Math.PI * i / perDay)).ToArray();
        // A steady climb: the last value is closest at every lead, so persistence wins.
        var climb = Enumerable.Range(0, days * perDay).Select(i => (double)i).ToArray();
        var forecaster = new BacktestedForecaster();
        var a = new SignalKey(SignalKind.Carbon, "cycle");
        var b = new SignalKey(SignalKind.Carbon, "climb");
        var fa = forecaster.Forecast(a, ModelForecasterTests.Stamped(cycle, perDay), 30, perDay);
        var fb = forecaster.Forecast(b, ModelForecasterTests.Stamped(climb, perDay), 30, perDay);
        Assert.Equal("seasonal-naive", forecaster.ChosenFor(a));
        Assert.Equal("persistence", forecaster.ChosenFor(b));
        Assert.Equal(cycle[^perDay], fa[0], 9);
        Assert.All(fb, v => Assert.Equal(climb[^1], v));
    }

    [Fact]
    public void WithoutTwoWeeksAndAWeekOfHistory_ItFallsBackToSeasonalNaive()
    {
        var forecaster = new BacktestedForecaster();
        var key = new SignalKey(SignalKind.Price, "z");
        var f = forecaster.Forecast(key, ModelForecasterTests.Stamped([1, 2, 3, 4, 5, 6, 7, 8], 4), 4, 4);
        Assert.Equal("seasonal-naive", forecaster.ChosenFor(key));
        Assert.Equal([5.0, 6, 7, 8], f);
    }

    private static DateTimeOffset[] Times(int n, int perDay) =>
        Enumerable.Range(0, n).Select(i => ModelForecasterTests.T0 + TimeSpan.FromDays(1) / perDay * i).ToArray();

    /// <summary>Noise no candidate can forecast (uniform 200-300), and a published forecast of it 5 off, published a day
    /// ahead (each UTC day at midnight of the day before). The backtest keeps the overlay; the forecast is the
    /// published value wherever it is published now and the chosen candidate beyond.</summary>
    [Fact]
    public void APublishedForecast_IsLaidOver_WhereItBacktestsBetter()
    {
        const int perDay = 24, horizon = 48;
        var (history, all, published) = Noise(perDay, horizon, v => v + 5, day => day - TimeSpan.FromDays(1));
        var forecaster = new BacktestedForecaster { UsePublished = true };
        var key = new SignalKey(SignalKind.Carbon, "z");
        var f = forecaster.Forecast(key, history, horizon, perDay, published: published);
        Assert.StartsWith("published, else ", forecaster.ChosenFor(key));
        var n = history.Values.Count;
        // Published now (midnight at the end of the history): tomorrow's 24 values; the day after is not.
        for (var k = 0; k < perDay; k++) Assert.Equal(all[n + k] + 5, f[k], 9);
        Assert.All(Enumerable.Range(perDay, perDay), k => Assert.NotEqual(all[n + k] + 5, f[k], 9));
        // Without UsePublished (the default) the published forecast is ignored.
        var plain = new BacktestedForecaster();
        plain.Forecast(key, history, horizon, perDay, published: published);
        Assert.DoesNotContain("published", plain.ChosenFor(key));
    }

    /// <summary>The same exact-but-late forecast, published only after the hour it describes: at no backtest issue was
    /// any of it published, so the overlay gains nothing and is not chosen.</summary>
    [Fact]
    public void APublishedForecast_IsNotUsedBeforeItIsPublished()
    {
        const int perDay = 24, horizon = 48;
        var (history, _, published) = Noise(perDay, horizon, v => v, day => day + TimeSpan.FromDays(2));
        var forecaster = new BacktestedForecaster { UsePublished = true };
        var key = new SignalKey(SignalKind.Carbon, "z");
        forecaster.Forecast(key, history, horizon, perDay, published: published);
        Assert.DoesNotContain("published", forecaster.ChosenFor(key));
    }

    /// <summary>History of uniform noise on a real grid ending at midnight, the whole series (history and horizon), and
    /// a published forecast f(value) for every step, published at issued(start of its UTC day), visible where that
    /// is at or before the last known step.</summary>
    private static (SignalSeries History, double[] All, PublishedForecast Published) Noise(int perDay, int horizon, Func<double, double> f, Func<DateTimeOffset, DateTimeOffset> issued)
    {
        var days = BacktestedForecaster.BacktestDays + 9;
        var rng = new Random(11);
        var all = Enumerable.Range(0, days * perDay + horizon).Select(_ => 200 + 100 * rng.NextDouble()).ToArray();
        var history = ModelForecasterTests.Stamped(all[..(days * perDay)], perDay);
        var grid = history.Grid;
        var now = grid.TimeAt(grid.Count - 1);
        var at = Enumerable.Range(0, all.Length).Select(i => issued(new DateTimeOffset(grid.TimeAt(i).UtcDateTime.Date, TimeSpan.Zero))).ToArray();
        var values = all.Select((v, i) => at[i] <= now ? f(v) : double.NaN).ToArray();
        return (history, all, new PublishedForecast(values, at));
    }
}
