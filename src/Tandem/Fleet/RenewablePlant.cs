using Tandem.Time;
using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>An on-site or directly connected solar or wind plant: nameplate capacity times a per-unit output
/// profile on the scenario grid. Output is available to the site's load and battery; the site does not export.</summary>
/// <param name="Capacity">Nameplate capacity (AC), positive.</param>
/// <param name="Profile">Output per unit of capacity in each step, in [0, 1].</param>
public sealed record RenewablePlant(Power Capacity, Series<Fraction> Profile)
{
    /// <summary>Mean output in step <paramref name="step"/>.</summary>
    public Power OutputAt(int step) => Capacity * Profile[step].Value;
}
