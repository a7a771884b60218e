namespace Tandem.Signals;

/// <summary>A published forecast of a signal as a policy may see it at one instant, on a grid of history followed by a
/// horizon: <see cref="Values"/> holds what was published by then (NaN for the rest), <see cref="IssuedAt"/> when each
/// value was or will be published, so a backtest can use, at a past issue time, only what was published by then.</summary>
public sealed record PublishedForecast(double[] Values, DateTimeOffset[] IssuedAt);
