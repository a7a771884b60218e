using Tandem.Grid;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Signals;

/// <summary>The series a scenario's files give for one site, on the scenario grid and in Tandem units.</summary>
/// <param name="AverageIntensity">Location-based average carbon intensity of grid electricity.</param>
/// <param name="MarginalIntensity">Marginal intensity where the data gives it, else null.</param>
/// <param name="CarbonFreeShare">Share of grid electricity that is carbon-free where the data gives it, else null
/// (then grid energy counts as not green).</param>
/// <param name="Price">Price of grid energy in the scenario's currency (market or time-of-use).</param>
/// <param name="Generation">On-site renewable output (solar plus wind), or null without a plant.</param>
/// <param name="TemperatureC">Outdoor temperature in °C where the site's PUE depends on it, else null.</param>
/// <param name="History">The grid signals over the days before the start (scenario history_days), for forecasters
/// to learn from; null when none was asked for.</param>
public sealed record SiteSignals(
    Series<CarbonIntensity> AverageIntensity,
    Series<CarbonIntensity>? MarginalIntensity,
    Series<Fraction>? CarbonFreeShare,
    Series<EnergyPrice> Price,
    Series<Power>? Generation = null,
    Series<double>? TemperatureC = null,
    GridHistory? History = null)
{
    /// <summary>Where a constant carbon intensity comes from (a published factor, its region and year), or null.</summary>
    public string? CarbonNote { get; init; }

    /// <summary>Series published ahead of time for this site's grid zone (day-ahead forecasts), over the history grid
    /// and the period; forecasters may use what has been issued by the time they forecast.</summary>
    public IReadOnlyList<KnownAhead> KnownAhead { get; init; } = [];

    /// <summary>The solar plant's share of <see cref="Generation"/> over the period, or null without one (so a
    /// re-rated plant's output can be scaled on its own).</summary>
    public Series<Power>? SolarOutput { get; init; }

    /// <summary>The wind plant's share of <see cref="Generation"/> over the period, or null without one.</summary>
    public Series<Power>? WindOutput { get; init; }
}
