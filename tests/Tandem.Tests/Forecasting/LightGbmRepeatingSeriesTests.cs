using Tandem.Forecasting;
using Tandem.Signals;
using Tandem.Tests.Scheduling;

namespace Tandem.Tests.Forecasting;

/// <summary>A signal that repeats day after day (a time-of-use tariff, a fixed grid factor) leaves LightGBM nothing to
/// learn; ML.NET then fails reading back its empty trees, which once crashed mpc-lightgbm on training-de-gb's tariff.</summary>
public class LightGbmRepeatingSeriesTests
{
    private static readonly double[] Day = Enumerable.Range(0, 24).Select(h => h is >= 8 and < 22 ? 120.0 : 60.0).ToArray();

    [Fact]
    public void ADailyRepeatingSeries_IsForecastExactly_AsItsLastDay()
    {
        var values = Enumerable.Range(0, 24 * 40).Select(i => Day[i % 24]).ToArray();
        var series = new ForecastSeries("price", Enumerable.Range(0, values.Length + 48).Select(i => ModelForecasterTests.T0.AddHours(i)).ToArray(),
            [.. values, .. Enumerable.Repeat(double.NaN, 48)], new Dictionary<string, double[]>());
        var model = new LightGbmModel(trainDays: 30, iterations: 20);
        model.Fit(series, values.Length, 48, 6);
        var f = model.Predict(new ForecastRequest(series, values.Length, 48));
        Assert.Equal(Enumerable.Range(0, 48).Select(k => Day[k % 24]), f);
    }

    [Fact]
    public void MpcLightgbmsForecaster_ServesARepeatingSignal_WithoutFailing()
    {
        var values = Enumerable.Range(0, 24 * 40).Select(i => Day[i % 24]).ToArray();
        var forecaster = new ModelForecaster("lightgbm", _ => new LightGbmModel(trainDays: 30, iterations: 20));
        var f = forecaster.Forecast(new SignalKey(SignalKind.Price, "gb"), ModelForecasterTests.Stamped(values, 24), 30, 24);
        Assert.Equal(Enumerable.Range(0, 30).Select(k => Day[k % 24]), f);
    }
}
