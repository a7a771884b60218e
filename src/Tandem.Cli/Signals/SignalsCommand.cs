using System.CommandLine;
using System.Globalization;
using System.Text;
using Tandem.Cli.Runs;
using Tandem.Formats;
using Tandem.Signals;
using Tandem.Storage;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Cli.Signals;

/// <summary>`tandem signals import`, `list` and `show`: put the series of a data file into the signal store (the
/// SQLite file runs also use) and read them back.</summary>
internal static class SignalsCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(ConsoleIo io)
    {
        var kinds = string.Join(", ", SignalKinds.Names);
        var db = new Option<string?>("--db") { Description = "SQLite database (default: TANDEM_DB, else the user's data folder, tandem/tandem.db)" };

        var file = new Option<string>("--file") { Description = "Data file", Required = true };
        var format = new Option<string>("--format") { Description = $"Its format: {string.Join(", ", SignalFormats.Formats.Select(f => f.Name))} (docs/formats.md)", Required = true };
        var zone = new Option<string?>("--zone") { Description = "Grid zone or site the series belong to, e.g. US-CAL-CISO (Electricity Maps files name their own)" };
        var column = new Option<string?>("--column") { Description = "Store only this column (default: every column that holds a signal kind)" };
        var kind = new Option<string?>("--kind") { Description = $"The kind --column holds, when its name does not say: {kinds}" };
        var timeZone = new Option<string?>("--time-zone") { Description = "Zone of stamps without offset, for formats that need it" };
        var currency = new Option<string?>("--currency") { Description = "Currency of prices, for formats that need it" };
        var import = new Command("import", "Store the signals of a data file; stored values at the same times are replaced") { file, format, zone, column, kind, timeZone, currency, db };
        import.SetAction(async (pr, ct) =>
        {
            var path = pr.GetValue(file)!;
            var fmt = pr.GetValue(format)!;
            List<SignalSeries> series;
            try
            {
                series = SignalImport.Series(path, fmt, pr.GetValue(zone), pr.GetValue(column), pr.GetValue(kind), pr.GetValue(timeZone), pr.GetValue(currency));
            }
            catch (SignalImportException e) { throw FormatFlags.AsUsage(e); }
            catch (DataFileException e) { throw FormatFlags.NamingFlags(e); }
            var dbPath = RunsCommand.DbPath(pr.GetValue(db));
            using (var store = Open(dbPath))
            {
                try { store.Import(series); }
                catch (StoreException e) { throw new UsageException($"{path}: {e.Message}; nothing was written"); }
            }
            await io.Out.WriteLineAsync($"Stored {series.Count} series from {path} in {dbPath}:");
            foreach (var s in series)
            {
                var count = s.ValueCount;
                await io.Out.WriteLineAsync(string.Create(C, $"  {s.Zone} {s.Kind.Name()} ({UnitOf(s.Kind, s.Currency)}): {count} values in {s.Grid.Step.TotalMinutes:0.##}-minute steps, {Time(s.Grid.Start)} to {Time(s.Grid.End)}"));
            }
            return 0;
        });

        var list = new Command("list", "List the stored series: zone, kind, unit, step, span and number of values") { db };
        list.SetAction(async (pr, ct) =>
        {
            using var store = Open(RunsCommand.DbPath(pr.GetValue(db)));
            var entries = store.Catalog();
            if (entries.Count == 0)
            {
                await io.Out.WriteLineAsync("(no signals yet; store some with `tandem signals import`)");
                return 0;
            }
            var w = Math.Max(4, entries.Max(e => e.Zone.Length));
            await io.Out.WriteLineAsync($"{"zone".PadRight(w)}  {"kind",-15}  {"unit",-11}  {"step_minutes",12}  {"from_utc",-20}  {"to_utc",-20}  {"count",9}");
            foreach (var e in entries)
                await io.Out.WriteLineAsync(string.Create(C, $"{e.Zone.PadRight(w)}  {e.Kind.Name(),-15}  {UnitOf(e.Kind, e.Currency),-11}  {e.Step.TotalMinutes,12:0.##}  {Time(e.From),-20}  {Time(e.To),-20}  {e.Count,9}"));
            return 0;
        });

        var showZone = new Option<string>("--zone") { Description = "Zone or site", Required = true };
        var showKind = new Option<string>("--kind") { Description = $"Kind: {kinds}", Required = true };
        var from = new Option<string?>("--from") { Description = "First time, ISO-8601 with offset (default: the start of the series)" };
        var to = new Option<string?>("--to") { Description = "End time, exclusive (default: the end of the series)" };
        var show = new Command("show", "Print one stored series as CSV: time_utc,<kind>_<unit>; an empty value is a gap") { showZone, showKind, from, to, db };
        show.SetAction(async (pr, ct) =>
        {
            var zoneName = pr.GetValue(showZone)!.Trim();
            var k = ParseKind(pr.GetValue(showKind)!, "--kind");
            var start = Instant(pr.GetValue(from), "--from") ?? DateTimeOffset.MinValue;
            var end = Instant(pr.GetValue(to), "--to") ?? DateTimeOffset.MaxValue;
            if (end <= start) throw new UsageException("--to: must be after --from");
            using var store = Open(RunsCommand.DbPath(pr.GetValue(db)));
            var s = store.Read(zoneName, k, new Interval(start, end));
            if (s is null)
            {
                // Nothing to print: say whether the series is missing (bad input) or only the range is empty.
                var entry = store.Catalog().FirstOrDefault(e => e.Zone == zoneName && e.Kind == k);
                if (entry is null)
                {
                    await io.Error.WriteLineAsync($"error: --zone {zoneName} --kind {k.Name()}: the store holds no such series; `tandem signals list` shows what it holds");
                    return 2;
                }
                await io.Out.WriteLineAsync(Header(k, entry.Currency));
                await io.Error.WriteLineAsync($"note: no step of {zoneName} {k.Name()} starts in that range; the series covers {Time(entry.From)} to {Time(entry.To)}");
                return 0;
            }
            var sb = new StringBuilder(Header(k, s.Currency)).Append('\n');
            for (var i = 0; i < s.Values.Count; i++)
                sb.Append(C, $"{Time(s.Grid.TimeAt(i))},{(double.IsNaN(s.Values[i]) ? "" : s.Values[i].ToString("R", C))}\n");
            await io.Out.WriteAsync(sb.ToString());
            return 0;
        });

        return new Command("signals", "Store signals (carbon, prices, weather, on-site output) and read them back") { import, list, show };
    }

    /// <summary>Opens the store; a database that cannot be opened is a <see cref="StoreException"/>, which the command
    /// line reports as a bad --db (exit 2).</summary>
    private static ISignalStore Open(string dbPath) => SqliteSignalStore.Open(dbPath);

    private static SignalKind ParseKind(string text, string flag) =>
        SignalKinds.Parse(text) ?? throw new UsageException($"{flag}: unknown kind '{text}'; known: {string.Join(", ", SignalKinds.Names)}");

    private static DateTimeOffset? Instant(string? text, string flag) =>
        text is null ? null
        : Timestamps.TryParseWithOffset(text, out var t) ? t
        : throw new UsageException($"{flag}: '{text}' is not an ISO-8601 time with an offset, e.g. 2021-01-01T00:00:00Z");

    /// <summary>The CSV header of a shown series: time_utc,cfe_share_fraction or time_utc,price_usd_per_mwh.</summary>
    private static string Header(SignalKind kind, string? currency) => $"time_utc,{kind.Name().Replace('-', '_')}_{UnitOf(kind, currency)}";

    /// <summary>The unit as a boundary name; a price names its currency (usd_per_mwh), as Tandem CSV headers do.</summary>
    private static string UnitOf(SignalKind kind, string? currency) =>
        currency is null ? kind.Unit() : $"{currency.ToLowerInvariant()}_{kind.Unit()}";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", C);
}
