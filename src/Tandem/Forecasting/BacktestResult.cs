namespace Tandem.Forecasting;

/// <summary>The outcome of a rolling-origin backtest.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Points">Every forecast point, in issue then target order.</param>
/// <param name="Metrics">Accuracy over all points.</param>
/// <param name="Fits">How many times the model was trained.</param>
/// <param name="WallSeconds">Wall time of the whole backtest.</param>
public sealed record BacktestResult(string Model, IReadOnlyList<ForecastPoint> Points, ForecastMetrics Metrics, int Fits, double WallSeconds);
