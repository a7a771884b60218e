using Tandem.Time;
using Tandem.Units;

namespace Tandem.Grid;

/// <summary>A site's signals before the scenario start (scenario history_days), on the scenario's step and ending
/// where the scenario begins, for forecasters to learn from. Null where the scenario's files do not reach back.</summary>
public sealed record GridHistory(
    TimeGrid Grid,
    Series<CarbonIntensity>? AverageIntensity,
    Series<Fraction>? CarbonFreeShare,
    Series<EnergyPrice>? Price)
{
    /// <summary>On-site renewable output before the start, where the site has plants.</summary>
    public Series<Power>? Generation { get; init; }
    /// <summary>Outdoor temperature before the start, °C, where the site's PUE depends on it.</summary>
    public Series<double>? TemperatureC { get; init; }
}
