using Tandem.Signals;

namespace Tandem.Forecasting;

/// <summary>Which signal a forecast is for: what it measures and where (a site's or an inference demand's index).
/// A forecaster keeps what it learns apart per signal.</summary>
public readonly record struct SignalKey(SignalKind Kind, string Zone);
