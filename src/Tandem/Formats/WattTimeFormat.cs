using Tandem.Units;

namespace Tandem.Formats;

/// <summary>WattTime marginal operating emissions rate (MOER) CSV: a time column (the first column, whatever its
/// header) and one value column in lbs CO₂/MWh, converted here to gCO₂/kWh (× 0.45359237).</summary>
public sealed class WattTimeFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "watttime";
    /// <inheritdoc />
    public string Description => "WattTime MOER CSV in lbs/MWh (needs time_zone): marginal_intensity_g_per_kwh";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        var zone = ZoneRequired.Of(path, Name, options);
        var csv = CsvFile.Read(path);
        if (csv.Header.Count < 2) throw new DataFileException(path, "", 1, "expected a time column and a MOER column");
        return CsvTable.FromCsv(csv, csv.Header[0], CsvTable.Local(zone),
            [CsvTable.Scale("marginal_intensity_g_per_kwh", csv.Header[1], CarbonIntensity.PoundsPerMwhToGramsPerKwh)]);
    }
}
