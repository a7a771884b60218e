namespace Tandem.Units;

/// <summary>A share between 0 and 1 inclusive (e.g. a carbon-free share, a state of charge, a utilisation).</summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    private Fraction(double value)
    {
        Value = Guard.Finite(value, nameof(Fraction));
        if (value < 0 || value > 1) throw new ArgumentOutOfRangeException(nameof(value), value, "A fraction lies in [0, 1].");
    }

    /// <summary>The share in [0, 1].</summary>
    public double Value { get; }
    /// <summary>The share in percent.</summary>
    public double Percent => Value * 100.0;
    /// <summary>Zero.</summary>
    public static Fraction Zero => default;
    /// <summary>One.</summary>
    public static Fraction One => new(1);
    /// <summary>From a value in [0, 1].</summary>
    public static Fraction Of(double value) => new(value);
    /// <summary>From a percentage in [0, 100].</summary>
    public static Fraction FromPercent(double percent) => new(percent / 100.0);
    /// <summary>A value clamped into [0, 1]; for quantities that float arithmetic may push a hair outside.</summary>
    public static Fraction Clamped(double value) => new(Math.Clamp(Guard.Finite(value, nameof(Fraction)), 0, 1));
    /// <inheritdoc />
    public int CompareTo(Fraction other) => Value.CompareTo(other.Value);
    /// <inheritdoc />
    public override string ToString() => $"{Percent:0.##}%";
}
