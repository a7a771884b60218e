namespace Tandem.Formats;

/// <summary>The Chinese State Grid Renewable Energy Generation Forecasting Competition solar station files (Chen &amp;
/// Xu, Scientific Data 2022): 15-minute rows, "Time" in China Standard Time (UTC+8, no daylight saving, as the data
/// set documents), irradiances in W/m², temperature in °C, pressure in hPa and "Power" in MW (made kW here). Header
/// names carry trailing spaces in the published copy; they are trimmed.</summary>
public sealed class StateGridSolarFormat : ISignalFormat
{
    private static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("UTC+08:00", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    /// <inheritdoc />
    public string Name => "stategrid-solar";
    /// <inheritdoc />
    public string Description => "State Grid China solar station CSV: power_kw, total_irradiance_w_per_m2, dni_w_per_m2, ghi_w_per_m2, temperature_c, pressure_hpa";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options) =>
        CsvTable.Read(path, "Time", CsvTable.Local(options.TimeZone ?? ChinaStandardTime),
        [
            CsvTable.Scale("power_kw", "Power", 1000),
            CsvTable.Scale("total_irradiance_w_per_m2", "Total solar irradiance"),
            CsvTable.Scale("dni_w_per_m2", "Direct normal irradiance"),
            CsvTable.Scale("ghi_w_per_m2", "Global horizontal irradiance"),
            CsvTable.Scale("temperature_c", "Temperature"),
            CsvTable.Scale("pressure_hpa", "Atmosphere"),
        ]);
}
