namespace Tandem.Forecasting;

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
