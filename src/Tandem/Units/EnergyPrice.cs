namespace Tandem.Units;

/// <summary>A price of electric energy per MWh in a currency. May be negative (wholesale markets clear below zero).</summary>
public readonly record struct EnergyPrice(double PerMegawattHour, Currency Currency)
{
    /// <summary>Price per MWh, finite.</summary>
    public double PerMegawattHour { get; } = Guard.Finite(PerMegawattHour, nameof(EnergyPrice));
    /// <summary>Price per kWh.</summary>
    public double PerKilowattHour => PerMegawattHour / 1000.0;
    /// <summary>From a price per MWh.</summary>
    public static EnergyPrice PerMwh(double value, Currency currency) => new(value, currency);
    /// <summary>From a price per kWh, the unit Chinese tariffs are published in (yuan/kWh).</summary>
    public static EnergyPrice PerKwh(double value, Currency currency) => new(value * 1000.0, currency);
    /// <inheritdoc />
    public override string ToString() => $"{PerMegawattHour:0.##} {Currency}/MWh";
}
