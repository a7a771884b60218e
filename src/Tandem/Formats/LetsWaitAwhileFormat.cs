namespace Tandem.Formats;

/// <summary>Let's Wait Awhile (Wiesner et al., Middleware 2021) carbon-intensity CSV: "Time" (no offset) and
/// "Carbon Intensity" in gCO₂eq/kWh (IPCC lifecycle factors), at 15 or 30 minutes.</summary>
public sealed class LetsWaitAwhileFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "lets-wait-awhile";
    /// <inheritdoc />
    public string Description => "Let's Wait Awhile CI CSV (needs time_zone): carbon_intensity_g_per_kwh";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options) =>
        CsvTable.Read(path, "Time", CsvTable.Local(ZoneRequired.Of(path, Name, options)),
            [CsvTable.Scale("carbon_intensity_g_per_kwh", "Carbon Intensity")]);
}
