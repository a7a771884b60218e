namespace Tandem.Formats;

/// <summary>Electricity Maps hourly data-portal export: "Datetime (UTC)", carbon intensity direct and LCA in
/// gCO₂eq/kWh, "Low Carbon Percentage" and "Renewable Percentage" in %.</summary>
public sealed class ElectricityMapsFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "electricitymaps";
    /// <inheritdoc />
    public string Description => "Electricity Maps hourly CSV: carbon_intensity_g_per_kwh (direct), carbon_intensity_lca_g_per_kwh, cfe_share_fraction, renewable_share_fraction";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options) =>
        CsvTable.Read(path, "Datetime (UTC)", CsvTable.Local(TimeZoneInfo.Utc),
        [
            CsvTable.Scale("carbon_intensity_g_per_kwh", "Carbon Intensity gCO₂eq/kWh (direct)"),
            CsvTable.Scale("carbon_intensity_lca_g_per_kwh", "Carbon Intensity gCO₂eq/kWh (LCA)"),
            CsvTable.Scale("cfe_share_fraction", "Low Carbon Percentage", 0.01),
            CsvTable.Scale("renewable_share_fraction", "Renewable Percentage", 0.01),
        ]);
}
