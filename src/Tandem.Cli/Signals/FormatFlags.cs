using Tandem.Formats;
using Tandem.Signals;
using Tandem.Units;

namespace Tandem.Cli.Signals;

/// <summary>Reads a data file as the flags --format, --time-zone and --currency describe it. What a reader asks the
/// user to state (time_zone, currency) is reported under the flag that states it.</summary>
internal static class FormatFlags
{
    public static TimeSeriesTable Read(string file, string format, string? timeZone, string? currency)
    {
        try
        {
            return SignalImport.Table(file, format, timeZone, currency);
        }
        catch (SignalImportException e) { throw AsUsage(e); }
        catch (DataFileException e) { throw NamingFlags(e); }
    }

    /// <summary>A request problem as the command line names it: --format, --zone, --time-zone ...</summary>
    public static UsageException AsUsage(SignalImportException e) => new($"--{e.Field.Replace('_', '-')}: {e.Message}");

    /// <summary>The same problems, with the fields time_zone and currency (not tied to a line) named as flags.</summary>
    public static DataFileException NamingFlags(DataFileException e) =>
        e.Problems.Any(IsStatement) ? new DataFileException(e.Problems.Select(p => IsStatement(p) ? p with { Field = "--" + p.Field.Replace('_', '-') } : p).ToList()) : e;

    private static bool IsStatement(DataProblem p) => p.Line == 0 && p.Field is "time_zone" or "currency";
}
