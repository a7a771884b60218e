namespace Tandem.Forecasting;

/// <summary>Seasonal naive: each future value is the last known value at the same time of day (or of week).</summary>
/// <param name="days">Season length in days: 1 (same hour yesterday) or 7 (same hour last week).</param>
public sealed class SeasonalNaiveModel(int days = 1) : IForecastModel
{
    /// <inheritdoc />
    public string Name => days == 1 ? "seasonal-naive" : "seasonal-naive-weekly";
    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) { }
    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        var season = r.StepsPerDay * days;
        var history = r.History;
        var result = new double[r.Horizon];
        for (var k = 0; k < r.Horizon; k++)
        {
            var back = ((k + season) / season) * season; // smallest multiple of the season above k
            var i = history.Length + k - back;
            result[k] = i >= 0 ? history[i] : history[^1];
        }
        return result;
    }
}
