using Tandem.Time;
using Tandem.Units;

namespace Tandem.Grid;

/// <summary>What the grid tells a site in each step, all on the scenario grid and already converted to Tandem units.</summary>
/// <param name="Zone">The grid zone these signals describe, e.g. CN-East or US-CAL-CISO.</param>
/// <param name="AverageIntensity">Location-based average carbon intensity of grid electricity.</param>
/// <param name="MarginalIntensity">Marginal intensity where the data gives it, else null.</param>
/// <param name="CarbonFreeShare">Share of grid electricity that is carbon-free where the data gives it, else null
/// (then grid energy counts as not green).</param>
/// <param name="Price">Price of grid energy in the scenario's currency (market or time-of-use).</param>
/// <param name="History">The same signals over the days before the start (scenario history_days), for forecasters
/// to learn from; null when none was asked for.</param>
public sealed record GridSignals(
    string Zone,
    Series<CarbonIntensity> AverageIntensity,
    Series<CarbonIntensity>? MarginalIntensity,
    Series<Fraction>? CarbonFreeShare,
    Series<EnergyPrice> Price,
    GridHistory? History = null);
