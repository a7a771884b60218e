using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>An on-site battery. Losses are split evenly between charge and discharge (each √η). It charges only
/// from on-site surplus, so what it discharges is green.</summary>
public sealed record Battery
{
    /// <summary>Creates a battery: capacity &gt; 0, power &gt; 0, efficiency in (0, 1], initial state of charge in [0, 1].</summary>
    public Battery(Energy capacity, Power power, Fraction roundTripEfficiency, Fraction initialStateOfCharge)
    {
        if (capacity <= Energy.Zero) throw new ArgumentOutOfRangeException(nameof(capacity), "Battery capacity must be positive.");
        if (power <= Power.Zero) throw new ArgumentOutOfRangeException(nameof(power), "Battery power must be positive.");
        if (roundTripEfficiency.Value <= 0) throw new ArgumentOutOfRangeException(nameof(roundTripEfficiency), "Efficiency must be positive.");
        Capacity = capacity;
        PowerLimit = power;
        RoundTripEfficiency = roundTripEfficiency;
        InitialStateOfCharge = initialStateOfCharge;
    }

    /// <summary>Usable energy capacity.</summary>
    public Energy Capacity { get; }
    /// <summary>Maximum charge or discharge power at the terminals.</summary>
    public Power PowerLimit { get; }
    /// <summary>Round-trip efficiency η.</summary>
    public Fraction RoundTripEfficiency { get; }
    /// <summary>State of charge at the start of the period.</summary>
    public Fraction InitialStateOfCharge { get; }
    /// <summary>One-way efficiency, √η.</summary>
    public double OneWayEfficiency => Math.Sqrt(RoundTripEfficiency.Value);
}
