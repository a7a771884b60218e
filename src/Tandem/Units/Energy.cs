namespace Tandem.Units;

/// <summary>Electric energy in kilowatt-hours. Never NaN or infinite.</summary>
public readonly record struct Energy : IComparable<Energy>
{
    private Energy(double kwh) => KilowattHours = Guard.Finite(kwh, nameof(Energy));

    /// <summary>Energy in kWh.</summary>
    public double KilowattHours { get; }
    /// <summary>Energy in MWh.</summary>
    public double MegawattHours => KilowattHours / 1000.0;

    /// <summary>Zero energy.</summary>
    public static Energy Zero => default;
    /// <summary>From kWh.</summary>
    public static Energy FromKilowattHours(double kwh) => new(kwh);
    /// <summary>From MWh.</summary>
    public static Energy FromMegawattHours(double mwh) => new(mwh * 1000.0);

    /// <summary>Energy spread evenly over a duration gives mean power.</summary>
    public static Power operator /(Energy e, TimeSpan d) => Power.FromKilowatts(e.KilowattHours / d.TotalHours);
    /// <summary>Energy drawn at an average intensity gives emissions.</summary>
    public static Emissions operator *(Energy e, CarbonIntensity ci) => Emissions.FromGrams(e.KilowattHours * ci.GramsPerKilowattHour);
    /// <summary>Energy bought at a price gives money.</summary>
    public static Money operator *(Energy e, EnergyPrice p) => Money.Of(e.MegawattHours * p.PerMegawattHour, p.Currency);
    /// <summary>Sum in the same unit.</summary>
    public static Energy operator +(Energy a, Energy b) => new(a.KilowattHours + b.KilowattHours);
    /// <summary>Difference in the same unit.</summary>
    public static Energy operator -(Energy a, Energy b) => new(a.KilowattHours - b.KilowattHours);
    /// <summary>Scaled by a dimensionless factor.</summary>
    public static Energy operator *(Energy a, double k) => new(a.KilowattHours * k);
    /// <summary>Comparison.</summary>
    public static bool operator <(Energy a, Energy b) => a.KilowattHours < b.KilowattHours;
    /// <summary>Comparison.</summary>
    public static bool operator >(Energy a, Energy b) => a.KilowattHours > b.KilowattHours;
    /// <summary>Comparison.</summary>
    public static bool operator <=(Energy a, Energy b) => a.KilowattHours <= b.KilowattHours;
    /// <summary>Comparison.</summary>
    public static bool operator >=(Energy a, Energy b) => a.KilowattHours >= b.KilowattHours;
    /// <inheritdoc />
    public int CompareTo(Energy other) => KilowattHours.CompareTo(other.KilowattHours);
    /// <inheritdoc />
    public override string ToString() => $"{KilowattHours:0.###} kWh";
}
