namespace Tandem.Formats;

/// <summary>The DACF data set (Maji et al., e-Energy 2022): "UTC time", carbon_intensity in gCO₂/kWh (direct), hourly
/// production per source in MW, GFS weather forecasts, and day-ahead production forecasts in MW; the test-period
/// files add DACF's own carbon forecast "carbon_from_src_forecasts". MW become kW and kelvin become °C here.</summary>
public sealed class DacfFormat : ISignalFormat
{
    private static readonly string[] Sources = ["coal", "nat_gas", "nuclear", "oil", "hydro", "solar", "wind", "other", "biomass", "geothermal", "unknown"];
    private static readonly string[] Clean = ["nuclear", "hydro", "solar", "wind", "biomass", "geothermal"];

    /// <inheritdoc />
    public string Name => "dacf";
    /// <inheritdoc />
    public string Description => "DACF region CSV: carbon_intensity_g_per_kwh, carbon_intensity_forecast_g_per_kwh (test files), <source>_kw, forecast_<source>_kw, wind_speed_forecast_m_per_s, temperature_forecast_c, dewpoint_forecast_c, irradiance_forecast_w_per_m2, cfe_share_fraction";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        var maps = new List<CsvTable.Map>
        {
            CsvTable.Scale("carbon_intensity_g_per_kwh", "carbon_intensity"),
            CsvTable.Scale("carbon_intensity_forecast_g_per_kwh", "carbon_from_src_forecasts", optional: true),
            CsvTable.Scale("wind_speed_forecast_m_per_s", "forecast_avg_wind_speed_wMean", optional: true),
            new("temperature_forecast_c", "forecast_avg_temperature_wMean", k => k - 273.15, true),
            new("dewpoint_forecast_c", "forecast_avg_dewpoint_wMean", k => k - 273.15, true),
            CsvTable.Scale("irradiance_forecast_w_per_m2", "forecast_avg_dswrf_wMean", optional: true),
            CsvTable.Scale("precipitation_forecast", "forecast_avg_precipitation_wMean", optional: true),
        };
        foreach (var s in Sources)
        {
            maps.Add(CsvTable.Scale($"{s}_kw", s, 1000, optional: true));
            maps.Add(CsvTable.Scale($"forecast_{s}_kw", $"avg_{s}_production_forecast", 1000, optional: true));
        }
        var table = CsvTable.Read(path, "UTC time", CsvTable.Local(TimeZoneInfo.Utc), maps);
        return CsvTable.WithCarbonFreeShare(table, Clean.Select(s => $"{s}_kw"), Sources.Select(s => $"{s}_kw"));
    }
}
