namespace Tandem.Units;

/// <summary>Carbon intensity of electricity in grams of CO2-equivalent per kWh. Non-negative, finite.</summary>
public readonly record struct CarbonIntensity
{
    private CarbonIntensity(double g)
    {
        GramsPerKilowattHour = Guard.Finite(g, nameof(CarbonIntensity));
        if (g < 0) throw new ArgumentOutOfRangeException(nameof(g), g, "Carbon intensity cannot be negative.");
    }

    /// <summary>gCO2e/kWh (numerically equal to kg/MWh).</summary>
    public double GramsPerKilowattHour { get; }

    /// <summary>From gCO2e/kWh.</summary>
    public static CarbonIntensity FromGramsPerKilowattHour(double g) => new(g);
    /// <summary>From kgCO2e/kWh, the unit of China's published grid emission factors (e.g. 0.5703).</summary>
    public static CarbonIntensity FromKilogramsPerKilowattHour(double kg) => new(kg * 1000.0);
    /// <summary>From pounds CO2 per MWh, WattTime's unit: 1 lb = 453.59237 g, so 1 lb/MWh = 0.45359237 g/kWh.</summary>
    public static CarbonIntensity FromPoundsPerMegawattHour(double lbs) => new(lbs * PoundsPerMwhToGramsPerKwh);

    /// <summary>The exact conversion factor from lb/MWh to g/kWh.</summary>
    public const double PoundsPerMwhToGramsPerKwh = 0.45359237;
    /// <inheritdoc />
    public override string ToString() => $"{GramsPerKilowattHour:0.##} g/kWh";
}
