namespace Tandem.Formats;

/// <summary>The Electricity Transformer Temperature data set (Zhou et al., Informer, AAAI 2021): "date" without offset
/// (the user states the zone), six load columns HUFL, HULL, MUFL, MULL, LUFL, LULL (units not published; kept as given,
/// lower-cased) and OT, the oil temperature in °C (oil_temperature_c).</summary>
public sealed class EttFormat : ISignalFormat
{
    private static readonly string[] Loads = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL"];

    /// <inheritdoc />
    public string Name => "ett";
    /// <inheritdoc />
    public string Description => "ETT CSV (needs time_zone): hufl, hull, mufl, mull, lufl, lull (units not published), oil_temperature_c";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options) =>
        CsvTable.Read(path, "date", CsvTable.Local(ZoneRequired.Of(path, Name, options)),
            Loads.Select(l => CsvTable.Scale(l.ToLowerInvariant(), l)).Append(CsvTable.Scale("oil_temperature_c", "OT")));
}
