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
}
