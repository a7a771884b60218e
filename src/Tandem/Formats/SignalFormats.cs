namespace Tandem.Formats;

/// <summary>Every time-series format Tandem reads, by the name used in scenario files.</summary>
public static class SignalFormats
{
    private static readonly ISignalFormat[] All =
    [
        new TandemCsvFormat(), new ElectricityMapsFormat(), new DacfFormat(), new EiaFuelMixFormat(), new LetsWaitAwhileFormat(),
        new WattTimeFormat(), new HourlyPriceUsdFormat(), new EpftoolboxFormat(), new OpenMeteoFormat(), new StateGridSolarFormat(), new EttFormat(),
    ];

    /// <summary>The formats.</summary>
    public static IReadOnlyList<ISignalFormat> Formats => All;

    /// <summary>A format by name, or null.</summary>
    public static ISignalFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
