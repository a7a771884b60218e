using System.Globalization;
using Tandem.Units;

namespace Tandem.Formats;

/// <summary>Builds a <see cref="TimeSeriesTable"/> from a CSV file: a time column parsed to UTC and value columns
/// each converted to a Tandem unit by a factor (or a function) at the door.</summary>
public static class CsvTable
{
    /// <summary>One output column: its name (with unit), the source header, and the conversion to the Tandem unit.</summary>
    public sealed record Map(string Name, string Source, Func<double, double> Convert, bool Optional = false);

    /// <summary>Maps a column multiplying by a factor (1 for no change).</summary>
    public static Map Scale(string name, string source, double factor = 1, bool optional = false) =>
        new(name, source, factor == 1 ? (v => v) : (v => v * factor), optional);

    /// <summary>Reads <paramref name="path"/>. <paramref name="parseTime"/> returns null for a stamp it cannot read;
    /// up to 20 such rows are reported at once with their lines.</summary>
    public static TimeSeriesTable Read(string path, string timeColumn, Func<string, DateTimeOffset?> parseTime,
        IEnumerable<Map> maps, Currency? currency = null)
    {
        var csv = CsvFile.Read(path);
        return FromCsv(csv, timeColumn, parseTime, maps, currency);
    }

    /// <summary>As <see cref="Read"/>, for a file already read.</summary>
    public static TimeSeriesTable FromCsv(CsvFile csv, string timeColumn, Func<string, DateTimeOffset?> parseTime,
        IEnumerable<Map> maps, Currency? currency = null)
    {
        var t = csv.RequireColumn(timeColumn);
        var present = maps.Where(m => !m.Optional || csv.Column(m.Source) >= 0).ToList();
        var idx = present.Select(m => csv.RequireColumn(m.Source)).ToArray();
        var n = csv.Rows.Count;
        var times = new DateTimeOffset[n];
        var lines = new int[n];
        var cols = present.Select(_ => new double[n]).ToArray();
        var problems = new List<DataProblem>();
        for (var r = 0; r < n; r++)
        {
            var (line, f) = csv.Rows[r];
            lines[r] = line;
            var time = parseTime(f[t]);
            if (time is null)
            {
                if (problems.Count < 20) problems.Add(new DataProblem(csv.Path, timeColumn, line, $"cannot read time stamp '{f[t]}'"));
                continue;
            }
            times[r] = time.Value;
            for (var c = 0; c < present.Count; c++)
            {
                var text = f[idx[c]];
                cols[c][r] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                    ? present[c].Convert(v)
                    : double.NaN;
            }
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        var dict = new Dictionary<string, double[]>();
        for (var c = 0; c < present.Count; c++) dict[present[c].Name] = cols[c];
        return new TimeSeriesTable(csv.Path, times, lines, dict, currency);
    }

    /// <summary>A time parser for stamps in a fixed zone (or carrying their own offset).</summary>
    public static Func<string, DateTimeOffset?> Local(TimeZoneInfo zone) =>
        s => Timestamps.TryParseLocal(s, zone, out var t) ? t : null;

    /// <summary>Adds a carbon-free share column, (clean sources) / (all sources), from generation columns; rows with
    /// no generation get NaN.</summary>
    public static TimeSeriesTable WithCarbonFreeShare(TimeSeriesTable table, IEnumerable<string> clean, IEnumerable<string> all)
    {
        var cleanCols = clean.Where(table.Has).Select(table.Column).ToArray();
        var allCols = all.Where(table.Has).Select(table.Column).ToArray();
        if (allCols.Length == 0) return table;
        var share = new double[table.Times.Count];
        for (var i = 0; i < share.Length; i++)
        {
            double c = 0, a = 0;
            foreach (var col in cleanCols) c += Math.Max(0, col[i]);
            foreach (var col in allCols) a += Math.Max(0, col[i]);
            share[i] = a > 0 ? Math.Clamp(c / a, 0, 1) : double.NaN;
        }
        return table.WithColumn("cfe_share_fraction", share);
    }
}
