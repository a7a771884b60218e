using Tandem.Formats;
using Tandem.Units;

namespace Tandem.Cli.Signals;

/// <summary>Reads a data file as the flags --format, --time-zone and --currency describe it. What a reader asks the
/// user to state (time_zone, currency) is reported under the flag that states it.</summary>
internal static class FormatFlags
{
    public static TimeSeriesTable Read(string file, string format, string? timeZone, string? currency)
    {
        var reader = SignalFormats.Find(format) ?? throw new UsageException($"--format: unknown format '{format}'; known: {string.Join(", ", SignalFormats.Formats.Select(f => f.Name))}");
        TimeZoneInfo? zone = null;
        if (timeZone is not null && !Timestamps.TryParseZone(timeZone, out zone)) throw new UsageException($"--time-zone: '{timeZone}' is not a zone or offset");
        Currency? cur = null;
        if (currency is not null) cur = Currency.TryParse(currency, out var c) ? c : throw new UsageException($"--currency: '{currency}' is not a currency code");
        try
        {
            return reader.Read(file, new SignalReadOptions(zone, cur));
        }
        catch (DataFileException e)
        {
            throw NamingFlags(e);
        }
    }

    /// <summary>The same problems, with the fields time_zone and currency (not tied to a line) named as flags.</summary>
    public static DataFileException NamingFlags(DataFileException e) =>
        e.Problems.Any(IsStatement) ? new DataFileException(e.Problems.Select(p => IsStatement(p) ? p with { Field = "--" + p.Field.Replace('_', '-') } : p).ToList()) : e;

    private static bool IsStatement(DataProblem p) => p.Line == 0 && p.Field is "time_zone" or "currency";
}
