namespace Tandem.Units;

/// <summary>Mass of CO2-equivalent emitted, in grams. Finite.</summary>
public readonly record struct Emissions : IComparable<Emissions>
{
    private Emissions(double g) => Grams = Guard.Finite(g, nameof(Emissions));

    /// <summary>Grams CO2e.</summary>
    public double Grams { get; }
    /// <summary>Kilograms CO2e.</summary>
    public double Kilograms => Grams / 1000.0;
    /// <summary>Tonnes CO2e.</summary>
    public double Tonnes => Grams / 1e6;

    /// <summary>No emissions.</summary>
    public static Emissions Zero => default;
    /// <summary>From grams.</summary>
    public static Emissions FromGrams(double g) => new(g);
    /// <summary>From kilograms.</summary>
    public static Emissions FromKilograms(double kg) => new(kg * 1000.0);
    /// <summary>Sum in the same unit.</summary>
    public static Emissions operator +(Emissions a, Emissions b) => new(a.Grams + b.Grams);
    /// <summary>Difference in the same unit.</summary>
    public static Emissions operator -(Emissions a, Emissions b) => new(a.Grams - b.Grams);
    /// <inheritdoc />
    public int CompareTo(Emissions other) => Grams.CompareTo(other.Grams);
    /// <inheritdoc />
    public override string ToString() => $"{Kilograms:0.###} kg";
}
