using Tandem.Formats;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Scenarios;

/// <summary>Turns a signal reference in a scenario (file, format, column, zone, currency, fill, shift) into values
/// on the scenario grid (or on the history grid before it), reading each file once.</summary>
internal sealed class SignalLoader(string baseDirectory, TimeGrid grid, Currency currency, IReadOnlyDictionary<string, double> exchangeRates, ProblemList problems)
{
    private readonly Dictionary<string, TimeSeriesTable?> _cache = [];
    private readonly HashSet<SignalDocument> _outOfBounds = new(ReferenceEqualityComparer.Instance);

    public TimeGrid Grid => grid;
    public Currency ScenarioCurrency => currency;
    /// <summary>The grid of the days before the start that forecasters may learn from (history_days), if any.</summary>
    public TimeGrid? HistoryGrid { get; init; }

    /// <summary>The signal store that signals written <c>{ "store": ZONE }</c> come from, if any.</summary>
    public Func<ISignalSource>? OpenStore { get; init; }

    private ISignalSource? _store;

    /// <summary>A path in the scenario, made absolute against the scenario's folder.</summary>
    public string Resolve(string file) => Path.GetFullPath(Path.Combine(baseDirectory, file));

    /// <summary>Values of one column on the grid (or <paramref name="on"/>), or null (with problems added) if that
    /// cannot be done.</summary>
    public double[]? Load(SignalDocument? doc, string field, string defaultColumn, TimeGrid? on = null)
    {
        if (doc is null) { problems.Add(field, "is required"); return null; }
        var (table, column) = Table(doc, field, defaultColumn);
        if (table is null) return null;
        return Resample(table, column, doc, field, on ?? grid);
    }

    /// <summary>A price column converted to the scenario currency.</summary>
    public double[]? LoadPrice(SignalDocument doc, string field, TimeGrid? on = null)
    {
        var (table, column) = Table(doc, field, "price_per_mwh");
        if (table is null) return null;
        var from = table.Currency;
        if (doc.Currency is not null)
        {
            if (!Currency.TryParse(doc.Currency, out var stated)) { problems.Add($"{field}.currency", $"'{doc.Currency}' is not a three-letter currency"); return null; }
            from = stated;
        }
        if (from is null) { problems.Add($"{field}.currency", "the file does not say its currency; state it"); return null; }
        var rate = Rate(from.Value, $"{field}.currency");
        var values = Resample(table, column, doc, field, on ?? grid);
        if (values is null || rate is null) return null;
        var limit = ScenarioLimits.MaxPricePerKwh * 1000;
        var wild = Array.FindIndex(values, v => !(Math.Abs(v) <= limit));
        if (wild >= 0) { problems.Add(field, $"price {values[wild]} per MWh at {(on ?? grid).TimeAt(wild):O} lies outside ±{limit:#,0}"); return null; }
        for (var i = 0; i < values.Length; i++) values[i] *= rate.Value;
        return values;
    }

    /// <summary>Units of the scenario currency per unit of <paramref name="from"/>.</summary>
    public double? Rate(Currency from, string field)
    {
        if (from == currency) return 1;
        if (exchangeRates.TryGetValue(from.Code, out var r)) return r;
        problems.Add(field, $"prices are in {from} but the scenario reports in {currency}; add exchange_rates.{from.Code}");
        return null;
    }

    private (TimeSeriesTable? Table, string Column) Table(SignalDocument doc, string field, string defaultColumn)
    {
        var column = doc.Column ?? defaultColumn;
        if (!WithinBounds(doc, field)) return (null, column);
        if (doc.Store is not null) return (FromStore(doc.Store, field, defaultColumn), defaultColumn);
        if (string.IsNullOrWhiteSpace(doc.File)) { problems.Add($"{field}.file", "is required"); return (null, column); }
        if (string.IsNullOrWhiteSpace(doc.Format)) { problems.Add($"{field}.format", "is required"); return (null, column); }
        var format = SignalFormats.Find(doc.Format);
        if (format is null)
        {
            problems.Add($"{field}.format", $"unknown format '{doc.Format}'; known: {string.Join(", ", SignalFormats.Formats.Select(f => f.Name))}");
            return (null, column);
        }
        TimeZoneInfo? zone = null;
        if (doc.TimeZone is not null && !Timestamps.TryParseZone(doc.TimeZone, out zone))
        {
            problems.Add($"{field}.time_zone", $"'{doc.TimeZone}' is neither an IANA zone nor an offset like +08:00");
            return (null, column);
        }
        Currency? cur = null;
        if (doc.Currency is not null && Currency.TryParse(doc.Currency, out var c)) cur = c;
        var path = Resolve(doc.File);
        var key = $"{path}|{format.Name}|{zone?.Id}|{cur}|{doc.ShiftDays}";
        if (!_cache.TryGetValue(key, out var table))
        {
            table = problems.Try($"{field}.file", () => format.Read(path, new SignalReadOptions(zone, cur)));
            if (table is not null && doc.ShiftDays is { } days && days != 0)
            {
                var shift = TimeSpan.FromDays(days);
                var cols = table.ColumnNames.ToDictionary(n => n, table.Column);
                table = new TimeSeriesTable(table.File, table.Times.Select(t => t + shift).ToArray(), table.Lines.ToArray(), cols, table.Currency);
            }
            _cache[key] = table;
        }
        if (table is not null && !table.Has(column))
        {
            problems.Add($"{field}.column", $"'{column}' is not given by {format.Name}; it gives: {string.Join(", ", table.ColumnNames)}");
            return (null, column);
        }
        return (table, column);
    }

    private static readonly Dictionary<string, SignalKind> KindOfColumn = new()
    {
        ["carbon_intensity_g_per_kwh"] = SignalKind.Carbon, ["marginal_intensity_g_per_kwh"] = SignalKind.MarginalCarbon,
        ["cfe_share_fraction"] = SignalKind.CarbonFree, ["price_per_mwh"] = SignalKind.Price, ["temperature_c"] = SignalKind.Temperature,
        ["power_kw"] = SignalKind.Generation,
    };

    /// <summary>A signal from the store, as a one-column table over the period (and the history before it).</summary>
    private TimeSeriesTable? FromStore(string zone, string field, string column)
    {
        if (OpenStore is null) { problems.Add($"{field}.store", "names the signal store, but none was given (import signals with tandem signals import, and run with --db)"); return null; }
        if (!KindOfColumn.TryGetValue(column, out var kind)) { problems.Add($"{field}.store", "this signal cannot come from the store"); return null; }
        var from = (HistoryGrid?.Start ?? grid.Start) - TimeSpan.FromDays(1);
        _store ??= OpenStore();
        var s = _store.Read(zone, kind, new Interval(from, grid.End + TimeSpan.FromDays(1)));
        if (s is null) { problems.Add($"{field}.store", $"the store has no {kind.Name()} series for zone '{zone}' between {from:O} and {grid.End:O}"); return null; }
        var times = Enumerable.Range(0, s.Grid.Count).Select(s.Grid.TimeAt).ToArray();
        Currency? currency = s.Currency is { } c && Currency.TryParse(c, out var cur) ? cur : null;
        return new TimeSeriesTable($"signal store {zone}/{kind.Name()}", times, new int[times.Length], new Dictionary<string, double[]> { [column] = s.Values.Values.ToArray() }, currency);
    }

    // A signal is loaded for the period and again for its history (history_days); its bounds are reported once.
    private bool WithinBounds(SignalDocument doc, string field)
    {
        if (_outOfBounds.Contains(doc)) return false;
        var before = problems.Count;
        if (doc.MaxFillMinutes is < 0) problems.Add($"{field}.max_fill_minutes", $"{doc.MaxFillMinutes} must not be negative");
        problems.AtMost(doc.MaxFillMinutes, $"{field}.max_fill_minutes", ScenarioLimits.MaxMinutes, "minutes (ten years)");
        problems.WithinPlusOrMinus(doc.ShiftDays, $"{field}.shift_days", ScenarioLimits.MaxDays, "days (ten years)");
        if (problems.Count == before) return true;
        _outOfBounds.Add(doc);
        return false;
    }

    private double[]? Resample(TimeSeriesTable table, string column, SignalDocument doc, string field, TimeGrid grid)
    {
        var bad = table.Problems(column, grid.Start - TimeSpan.FromDays(1), grid.End + TimeSpan.FromDays(1));
        if (bad.Count > 0) { problems.AddRange(bad.Select(p => p with { Field = $"{field} → {p.Field}" })); return null; }
        var maxFill = TimeSpan.FromMinutes(doc.MaxFillMinutes ?? 0);
        var step = Resampler.InferStep(table.Times);
        var result = Resampler.Resample(table.Times, table.Column(column), step, grid, maxFill);
        foreach (var p in result.Problems) problems.Add(field, $"{table.File}: {p}");
        return result.Values;
    }
}
