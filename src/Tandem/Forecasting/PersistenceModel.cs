namespace Tandem.Forecasting;

/// <summary>Persistence: every future value is the last known one.</summary>
public sealed class PersistenceModel : IForecastModel
{
    /// <inheritdoc />
    public string Name => "persistence";
    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) { }
    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        var last = r.History[^1];
        return Enumerable.Repeat(last, r.Horizon).ToArray();
    }
}
