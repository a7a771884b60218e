namespace Tandem.Signals;

/// <summary>The kinds of time series Tandem steers by. Each kind has one unit inside Tandem (see
/// <see cref="SignalKinds.Unit"/>); readers convert foreign units at the door.</summary>
public enum SignalKind
{
    /// <summary>Average (location-based) grid carbon intensity, gCO2e/kWh.</summary>
    Carbon,
    /// <summary>Grid energy price per MWh, in the currency the series names.</summary>
    Price,
    /// <summary>Carbon-free share of grid energy, 0–1.</summary>
    CarbonFree,
    /// <summary>On-site renewable output, kW.</summary>
    Generation,
    /// <summary>Power usage effectiveness (facility power over IT power), derived from temperature by a site's PUE model.</summary>
    Pue,
    /// <summary>GPUs an online inference service needs.</summary>
    Inference,
    /// <summary>Marginal grid carbon intensity, gCO2e/kWh.</summary>
    MarginalCarbon,
    /// <summary>Outdoor air temperature, °C.</summary>
    Temperature,
}
