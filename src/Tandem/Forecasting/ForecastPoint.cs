namespace Tandem.Forecasting;

/// <summary>One forecast value beside what happened: a row of forecasts.csv.</summary>
/// <param name="IssuedAt">When the forecast was issued (UTC); only data stamped before it was used.</param>
/// <param name="Target">The time forecast (UTC).</param>
/// <param name="Actual">The observed value (NaN when not known yet).</param>
/// <param name="Forecast">The point forecast.</param>
/// <param name="Lower">Lower end of the prediction interval.</param>
/// <param name="Upper">Upper end of the prediction interval.</param>
public readonly record struct ForecastPoint(DateTimeOffset IssuedAt, DateTimeOffset Target, double Actual, double Forecast, double Lower, double Upper);
