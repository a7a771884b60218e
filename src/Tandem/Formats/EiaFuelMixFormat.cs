namespace Tandem.Formats;

/// <summary>EIA-930 hourly net generation by fuel, as published with SustainDC: "timestamp" with offset, MWh per
/// hour for WND, SUN, WAT, OIL, NG, COL, NUC, OTH, and avg_CI in gCO₂/kWh. MWh in an hour is mean MW; we give kW.</summary>
public sealed class EiaFuelMixFormat : ISignalFormat
{
    private static readonly (string Code, string Name)[] Fuels =
        [("WND", "wind"), ("SUN", "solar"), ("WAT", "hydro"), ("OIL", "oil"), ("NG", "nat_gas"), ("COL", "coal"), ("NUC", "nuclear"), ("OTH", "other")];

    /// <inheritdoc />
    public string Name => "eia-930-fuelmix";
    /// <inheritdoc />
    public string Description => "EIA-930 fuel-mix CSV: carbon_intensity_g_per_kwh, wind_kw, solar_kw, hydro_kw, oil_kw, nat_gas_kw, coal_kw, nuclear_kw, other_kw, cfe_share_fraction";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        var maps = Fuels.Select(f => CsvTable.Scale($"{f.Name}_kw", f.Code, 1000)).Append(CsvTable.Scale("carbon_intensity_g_per_kwh", "avg_CI"));
        var table = CsvTable.Read(path, "timestamp", s => Timestamps.TryParseWithOffset(s, out var t) ? t : null, maps);
        return CsvTable.WithCarbonFreeShare(table, ["wind_kw", "solar_kw", "hydro_kw", "nuclear_kw"], Fuels.Select(f => $"{f.Name}_kw"));
    }
}
