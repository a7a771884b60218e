using Tandem.Formats;
using Tandem.Units;

namespace Tandem.Signals;

/// <summary>A data file read as signal series to store, where a request names it wrongly: the field (format, zone,
/// column, kind, time_zone, currency) and why.</summary>
public sealed class SignalImportException(string field, string message) : Exception(message)
{
    /// <summary>The field at fault, as the HTTP API names it (the command line adds -- and dashes).</summary>
    public string Field { get; } = field;
}

/// <summary>Reads a data file in one of Tandem's formats as the series to store: every column that holds a signal
/// kind, or the one <c>column</c> (and <c>kind</c>) choose, for the zone given or the one the file names (Electricity
/// Maps exports carry their zone). `tandem signals import` and POST /signals/import both read files this way. A bad
/// request is a <see cref="SignalImportException"/> naming the field; a bad file a <see cref="DataFileException"/>.</summary>
public static class SignalImport
{
    /// <summary>The format reader by name, or the problem naming <c>format</c>.</summary>
    public static ISignalFormat Format(string format) => SignalFormats.Find(format)
        ?? throw new SignalImportException("format", $"unknown format '{format}'; known: {string.Join(", ", SignalFormats.Formats.Select(f => f.Name))}");

    /// <summary>Reads <paramref name="file"/> as <paramref name="format"/>, with the time zone of stamps without an
    /// offset and the currency of prices where the format needs them.</summary>
    public static TimeSeriesTable Table(string file, string format, string? timeZone, string? currency)
    {
        var reader = Format(format);
        TimeZoneInfo? zone = null;
        if (timeZone is not null && !Timestamps.TryParseZone(timeZone, out zone)) throw new SignalImportException("time_zone", $"'{timeZone}' is not a zone or offset");
        Currency? cur = null;
        if (currency is not null) cur = Currency.TryParse(currency, out var c) ? c : throw new SignalImportException("currency", $"'{currency}' is not a currency code");
        return reader.Read(file, new SignalReadOptions(zone, cur));
    }

    /// <summary>The series of <paramref name="file"/> to store under <paramref name="zone"/> (or the file's own zone).</summary>
    public static List<SignalSeries> Series(string file, string format, string? zone, string? column, string? kind, string? timeZone, string? currency)
    {
        var table = Table(file, format, timeZone, currency);
        var zoneName = zone is not null
            ? (string.IsNullOrWhiteSpace(zone) ? throw new SignalImportException("zone", "give a zone or site id, e.g. US-CAL-CISO") : zone.Trim())
            : ZoneOf(file, format) ?? throw new SignalImportException("zone", $"{format} files do not say which zone they are for; give one, e.g. US-CAL-CISO");
        return Pick(table, format, column, kind).Select(p => SignalColumns.Series(table, p.Column, zoneName, p.Kind)).ToList();
    }

    /// <summary>The zone a data file names for itself: Electricity Maps exports carry a "Zone Id" column (US-CAL-CISO,
    /// DE-LU, ...); no other format Tandem reads names its zone.</summary>
    public static string? ZoneOf(string file, string format)
    {
        if (format != "electricitymaps") return null;
        var csv = CsvFile.Read(file);
        var column = csv.Column("Zone Id");
        if (column < 0) return null;
        var zones = csv.Rows.Select(r => r.Fields[column].Trim()).Where(z => z.Length > 0).Distinct(StringComparer.Ordinal).Take(3).ToList();
        return zones.Count switch
        {
            0 => null,
            1 => zones[0],
            _ => throw new SignalImportException("zone", $"{file} holds rows of several zones ({string.Join(", ", zones)}, ...); give the one to store, or split the file"),
        };
    }

    /// <summary>The columns to store and their kinds: every column that names a kind, or the one <paramref name="column"/>
    /// (and <paramref name="kindName"/>) choose. A column stored as a kind its name does not give must at least carry
    /// that kind's unit.</summary>
    private static List<(string Column, SignalKind Kind)> Pick(TimeSeriesTable table, string format, string? column, string? kindName)
    {
        var given = string.Join(", ", table.ColumnNames);
        var kind = kindName is null ? (SignalKind?)null
            : SignalKinds.Parse(kindName) ?? throw new SignalImportException("kind", $"unknown kind '{kindName}'; known: {string.Join(", ", SignalKinds.Names)}");
        if (column is null && kind is null)
        {
            var all = table.ColumnNames.Where(c => SignalColumns.KindOf(c) is not null).Select(c => (c, SignalColumns.KindOf(c)!.Value)).ToList();
            return all.Count > 0 ? all
                : throw new SignalImportException("format", $"{format}: {table.File} has no column Tandem stores as a signal (it gives: {given}); choose a column and say the kind it holds");
        }
        if (column is null)
        {
            var c = SignalColumns.ColumnOf(kind!.Value);
            return table.Has(c) ? [(c, kind.Value)]
                : throw new SignalImportException("kind", $"{format} gives no {c}; choose the column (it gives: {given})");
        }
        if (!table.Has(column)) throw new SignalImportException("column", $"'{column}' is not a column of {format}; it gives: {given}");
        var k = kind ?? SignalColumns.KindOf(column)
            ?? throw new SignalImportException("column", $"{column} is not a signal Tandem knows by name; say which kind it holds ({string.Join(", ", SignalKinds.Names)})");
        if (!SignalColumns.HasUnitOf(column, k))
            throw new SignalImportException("kind", $"{k.Name()} is in {k.Unit()}, and the name {column} does not end in _{k.Unit()}");
        return [(column, k)];
    }
}
