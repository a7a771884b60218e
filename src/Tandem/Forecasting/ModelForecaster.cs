namespace Tandem.Forecasting;

/// <summary>Lets any <see cref="IForecastModel"/> serve where an <see cref="IForecaster"/> is asked for (the mpc
/// policy's signal forecasts): the history handed in becomes a series ending at the issue time, the model is refitted
/// at most once a day on it, and its forecast is returned.</summary>
public sealed class ModelForecaster(IForecastModel model) : IForecaster
{
    private int _fittedAt = int.MinValue;

    /// <inheritdoc />
    public string Name => model.Name;

    /// <inheritdoc />
    public double[] Forecast(ReadOnlySpan<double> history, int horizon, int stepsPerDay)
    {
        if (history.Length == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        if (horizon <= 0) return [];
        var n = history.Length;
        var step = TimeSpan.FromDays(1) / stepsPerDay;
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, n + horizon).Select(i => start + step * i).ToArray();
        var values = new double[n + horizon];
        history.CopyTo(values);
        Array.Fill(values, double.NaN, n, horizon);
        var series = new ForecastSeries("signal", times, values, new Dictionary<string, double[]>());
        if (n - _fittedAt >= stepsPerDay || n < _fittedAt)
        {
            model.Fit(series, n, horizon, stepsPerDay);
            _fittedAt = n;
        }
        return model.Predict(new ForecastRequest(series, n, horizon));
    }
}
