namespace Tandem.Units;

/// <summary>Electric power in kilowatts. Positive means consumption by a load or output of a generator; which one
/// is clear from the name of the quantity (see docs/glossary.md). Never NaN or infinite.</summary>
public readonly record struct Power : IComparable<Power>
{
    private Power(double kilowatts) => Kilowatts = Guard.Finite(kilowatts, nameof(Power));

    /// <summary>Power in kW.</summary>
    public double Kilowatts { get; }
    /// <summary>Power in W.</summary>
    public double Watts => Kilowatts * 1000.0;
    /// <summary>Power in MW.</summary>
    public double Megawatts => Kilowatts / 1000.0;

    /// <summary>Zero power.</summary>
    public static Power Zero => default;
    /// <summary>From kilowatts.</summary>
    public static Power FromKilowatts(double kw) => new(kw);
    /// <summary>From watts.</summary>
    public static Power FromWatts(double w) => new(w / 1000.0);
    /// <summary>From megawatts.</summary>
    public static Power FromMegawatts(double mw) => new(mw * 1000.0);

    /// <summary>Mean power held for a duration gives energy.</summary>
    public static Energy operator *(Power p, TimeSpan d) => Energy.FromKilowattHours(p.Kilowatts * d.TotalHours);
    /// <summary>Sum in the same unit.</summary>
    public static Power operator +(Power a, Power b) => new(a.Kilowatts + b.Kilowatts);
    /// <summary>Difference in the same unit.</summary>
    public static Power operator -(Power a, Power b) => new(a.Kilowatts - b.Kilowatts);
    /// <summary>Scaled by a dimensionless factor.</summary>
    public static Power operator *(Power a, double k) => new(a.Kilowatts * k);
    /// <summary>Scaled by a dimensionless factor.</summary>
    public static Power operator *(double k, Power a) => new(a.Kilowatts * k);
    /// <summary>Comparison.</summary>
    public static bool operator <(Power a, Power b) => a.Kilowatts < b.Kilowatts;
    /// <summary>Comparison.</summary>
    public static bool operator >(Power a, Power b) => a.Kilowatts > b.Kilowatts;
    /// <summary>Comparison.</summary>
    public static bool operator <=(Power a, Power b) => a.Kilowatts <= b.Kilowatts;
    /// <summary>Comparison.</summary>
    public static bool operator >=(Power a, Power b) => a.Kilowatts >= b.Kilowatts;
    /// <summary>The smaller of two powers.</summary>
    public static Power Min(Power a, Power b) => a.Kilowatts <= b.Kilowatts ? a : b;
    /// <summary>The larger of two powers.</summary>
    public static Power Max(Power a, Power b) => a.Kilowatts >= b.Kilowatts ? a : b;
    /// <inheritdoc />
    public int CompareTo(Power other) => Kilowatts.CompareTo(other.Kilowatts);
    /// <inheritdoc />
    public override string ToString() => $"{Kilowatts:0.###} kW";
}
