using Tandem.Time;
using Tandem.Units;

namespace Tandem.Grid;

/// <summary>Grid signals before the scenario start (scenario history_days), on the scenario's step and ending where
/// the scenario begins, for forecasters to learn from. A signal the scenario gives as a constant or a time-of-use
/// tariff has none (null).</summary>
public sealed record GridHistory(
    TimeGrid Grid,
    Series<CarbonIntensity>? AverageIntensity,
    Series<Fraction>? CarbonFreeShare,
    Series<EnergyPrice>? Price);
