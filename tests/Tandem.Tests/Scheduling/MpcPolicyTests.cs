using Tandem.Loop;
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
    private static SignalSeries Stamped(double[] values, int perDay) => ModelForecasterTests.Stamped(values, perDay);

    [Fact]
    public void TheSeasonalNaiveForecaster_RepeatsTheLastKnownDay()
    {
        double[] history = [1, 2, 3, 4, 5, 6];
        // Four steps a day: the next six values repeat the last four known ones, day by day.
        var key = new SignalKey(SignalKind.Carbon, "a");
        Assert.Equal([3.0, 4, 5, 6, 3, 4], ModelForecaster.SeasonalNaive().Forecast(key, Stamped(history, 4), 6, 4));
        Assert.Equal([7.0, 7, 7], ModelForecaster.SeasonalNaive().Forecast(key, Stamped([7.0], 24), 3, 24));
    }
}

public class ModelForecasterTests
{
    internal static readonly DateTimeOffset T0 = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Values on a real time grid ending at a fixed instant.</summary>
    internal static SignalSeries Stamped(double[] values, int perDay)
    {
        var step = TimeSpan.FromDays(1) / perDay;
        return new SignalSeries("z", SignalKind.Carbon, new Series<double>(new TimeGrid(T0 - step * values.Length, step, values.Length), values));
    }

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
        var forecaster = new ModelForecaster("recording", key => key.Kind == SignalKind.Inference ? null : models[key] = new Recording(key.Zone == "a" ? 1 : 2));
        var perDay = 24;
        var days = ModelForecaster.MinimumHistoryDays + 3;
        var a = Enumerable.Range(0, days * perDay).Select(i => (double)(i % perDay)).ToArray();
        var b = a.Select(v => 100 + v).ToArray();
        var carbonA = new SignalKey(SignalKind.Carbon, "a");
        var carbonB = new SignalKey(SignalKind.Carbon, "b");
        var horizon = 3 * perDay;
        var fa = forecaster.Forecast(carbonA, Stamped(a, perDay), horizon, perDay);
        var fb = forecaster.Forecast(carbonB, Stamped(b, perDay), horizon, perDay);
        // Two days (the learned horizon) from the model, shifted by its constant; the third day is plain seasonal naive.
        for (var k = 0; k < horizon; k++)
        {
            Assert.Equal(k % perDay + (k < 2 * perDay ? 1 : 0), fa[k]);
            Assert.Equal(100 + k % perDay + (k < 2 * perDay ? 2 : 0), fb[k]);
        }
        Assert.Equal([a], models[carbonA].Fits);
        Assert.Equal([b], models[carbonB].Fits);
        // An hour later: no refit; a day later: one.
        forecaster.Forecast(carbonA, Stamped(a.Append(0).ToArray(), perDay), horizon, perDay);
        Assert.Single(models[carbonA].Fits);
        forecaster.Forecast(carbonA, Stamped(a.Concat(a[..perDay]).ToArray(), perDay), horizon, perDay);
        Assert.Equal(2, models[carbonA].Fits.Count);
        // Too little history: seasonal naive, no fit.
        var shortKey = new SignalKey(SignalKind.Price, "a");
        var f = forecaster.Forecast(shortKey, Stamped(a[..(5 * perDay)], perDay), horizon, perDay);
        Assert.Empty(models[shortKey].Fits);
        Assert.Equal(Enumerable.Range(0, horizon).Select(k => (double)(k % perDay)), f);
    }
}
