namespace Tandem.Forecasting;

/// <summary>Seasonal naive: each future value is the last known value at the same time of day (yesterday's, or the
/// day before's when yesterday's is not known yet). With less than a day of history it repeats the last value.</summary>
public sealed class SeasonalNaiveForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "seasonal-naive";

    /// <inheritdoc />
    public double[] Forecast(ReadOnlySpan<double> history, int horizon, int stepsPerDay)
    {
        if (history.Length == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        var result = new double[Math.Max(0, horizon)];
        var last = history.Length - 1;
        for (var k = 1; k <= result.Length; k++)
        {
            var target = last + k;
            var back = ((k + stepsPerDay - 1) / stepsPerDay) * stepsPerDay; // smallest multiple of a day ≥ k
            var source = target - back;
            result[k - 1] = source >= 0 ? history[source] : history[last];
        }
        return result;
    }
}
