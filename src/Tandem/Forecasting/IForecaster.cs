namespace Tandem.Forecasting;

/// <summary>Which signal a forecast is for: what it measures and where (a site's or an inference demand's index).
/// A forecaster keeps what it learns apart per signal.</summary>
public readonly record struct SignalKey(SignalKind Kind, int Index);

/// <summary>The signals the planner forecasts.</summary>
public enum SignalKind
{
    /// <summary>Grid carbon intensity, g/kWh.</summary>
    Carbon,
    /// <summary>Grid energy price per MWh.</summary>
    Price,
    /// <summary>Carbon-free share of grid energy, 0–1.</summary>
    CarbonFree,
    /// <summary>On-site renewable output, kW.</summary>
    Generation,
    /// <summary>Power usage effectiveness.</summary>
    Pue,
    /// <summary>GPUs an online inference service needs.</summary>
    Inference,
}

/// <summary>Forecasts a series from its history. The history ends at the issue time: a forecaster is never handed a
/// value from after it, so it cannot see the future by construction.</summary>
public interface IForecaster
{
    /// <summary>Name, e.g. seasonal-naive.</summary>
    string Name { get; }

    /// <summary>The next <paramref name="horizon"/> values of <paramref name="signal"/> after the last one in
    /// <paramref name="history"/>. <paramref name="stepsPerDay"/> gives the daily season.</summary>
    double[] Forecast(SignalKey signal, ReadOnlySpan<double> history, int horizon, int stepsPerDay);
}
