using System.Text.RegularExpressions;
using Tandem.Units;

namespace Tandem.Formats;

/// <summary>The plain Tandem CSV for any series (docs/formats.md): a "timestamp" column in ISO-8601 with an offset
/// (2020-06-01T00:00:00Z or ...+08:00), then value columns whose header names the unit by its suffix: _kw, _kwh,
/// _g_per_kwh, _fraction, _c, _w_per_m2, _m_per_s, _gpus, or a price as price_&lt;currency&gt;_per_mwh. A stamp without
/// offset or a header without a known unit is rejected.</summary>
public sealed partial class TandemCsvFormat : ISignalFormat
{
    private static readonly string[] UnitSuffixes = ["_kw", "_kwh", "_g_per_kwh", "_fraction", "_c", "_w_per_m2", "_m_per_s", "_gpus", "_count"];

    /// <inheritdoc />
    public string Name => "tandem-csv";
    /// <inheritdoc />
    public string Description => "Tandem CSV: timestamp with offset, columns named with their unit (e.g. carbon_intensity_g_per_kwh, price_cny_per_mwh → price_per_mwh)";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        var csv = CsvFile.Read(path);
        var problems = new List<DataProblem>();
        var maps = new List<CsvTable.Map>();
        Currency? currency = null;
        foreach (var h in csv.Header.Where(h => h != "timestamp"))
        {
            var price = PriceHeader().Match(h);
            if (price.Success)
            {
                if (!Currency.TryParse(price.Groups[1].Value.ToUpperInvariant(), out var c))
                    problems.Add(new DataProblem(path, h, 1, "not a three-letter currency"));
                else if (currency is { } other && other != c)
                    problems.Add(new DataProblem(path, h, 1, $"a second currency {c}; one file holds one currency"));
                else currency = c;
                maps.Add(CsvTable.Scale("price_per_mwh", h));
            }
            else if (UnitSuffixes.Any(u => h.EndsWith(u, StringComparison.Ordinal))) maps.Add(CsvTable.Scale(h, h));
            else problems.Add(new DataProblem(path, h, 1, $"header does not name a unit; end it in one of {string.Join(", ", UnitSuffixes)} or write price_<currency>_per_mwh"));
        }
        if (csv.Column("timestamp") < 0) problems.Add(new DataProblem(path, "timestamp", 1, "column is missing"));
        if (problems.Count > 0) throw new DataFileException(problems);
        return CsvTable.FromCsv(csv, "timestamp", s => Timestamps.TryParseWithOffset(s, out var t) ? t : null, maps, currency);
    }

    [GeneratedRegex("^price_([a-zA-Z]{3})_per_mwh$")]
    private static partial Regex PriceHeader();
}
