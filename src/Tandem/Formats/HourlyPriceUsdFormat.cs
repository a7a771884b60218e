using Tandem.Units;

namespace Tandem.Formats;

/// <summary>Hourly wholesale prices standardised to US dollars (the 22-zone set published with SustainCluster):
/// "Datetime (UTC)" with offset, "Price (USD/MWh)".</summary>
public sealed class HourlyPriceUsdFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "hourly-price-usd";
    /// <inheritdoc />
    public string Description => "Hourly price CSV in USD/MWh: price_per_mwh (currency USD)";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options) =>
        CsvTable.Read(path, "Datetime (UTC)", CsvTable.Local(TimeZoneInfo.Utc),
            [CsvTable.Scale("price_per_mwh", "Price (USD/MWh)")], Currency.Usd);
}
