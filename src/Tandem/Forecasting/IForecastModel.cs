namespace Tandem.Forecasting;

/// <summary>A trainable forecaster. It learns from a series up to (not including) an index and forecasts from a
/// <see cref="ForecastRequest"/>, which by construction holds no target value from the issue time on.</summary>
public interface IForecastModel
{
    /// <summary>Name used on the command line: persistence, seasonal-naive, seasonal-naive-weekly, lightgbm, dlinear.</summary>
    string Name { get; }
    /// <summary>Learns from the series using only indices below <paramref name="trainEnd"/> (targets included).</summary>
    void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery);
    /// <summary>Point forecasts for the request's horizon.</summary>
    double[] Predict(ForecastRequest request);
}
