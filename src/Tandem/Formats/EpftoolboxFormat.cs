using System.Text.RegularExpressions;

namespace Tandem.Formats;

/// <summary>The epftoolbox day-ahead price data sets and published forecasts (Lago et al., Applied Energy 2021).
/// The first column is the delivery hour without offset (market time; the user states the zone), prices are per
/// MWh in the market's currency (EUR for DE and NP, USD for PJM; the user states it). Data sets give "Price" (or
/// "Zonal COMED price") and exogenous forecasts in MW; forecast files give "Real price" and each model's forecast.</summary>
public sealed partial class EpftoolboxFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "epftoolbox";
    /// <inheritdoc />
    public string Description => "epftoolbox CSV (needs time_zone and currency): price_per_mwh, <exogenous>_kw, or for forecast files <model>_price_per_mwh";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        var zone = ZoneRequired.Of(path, Name, options);
        var currency = options.Currency ?? throw new DataFileException(path, "currency", 0, "epftoolbox prices carry no currency; state it (EUR for DE and NP, USD for PJM)");
        var csv = CsvFile.Read(path);
        var maps = new List<CsvTable.Map>();
        foreach (var h in csv.Header.Skip(1))
        {
            if (h is "Price" or "Zonal COMED price" or "Real price") maps.Add(CsvTable.Scale("price_per_mwh", h));
            else if (h.StartsWith("DNN", StringComparison.Ordinal) || h.StartsWith("LEAR", StringComparison.Ordinal))
                maps.Add(CsvTable.Scale($"{Slug(h)}_price_per_mwh", h));
            else maps.Add(CsvTable.Scale($"{Slug(h)}_kw", h, 1000));
        }
        return CsvTable.FromCsv(csv, csv.Header[0], CsvTable.Local(zone), maps, currency);
    }

    private static string Slug(string header) => NonWord().Replace(header.Trim().ToLowerInvariant(), "_").Trim('_');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
