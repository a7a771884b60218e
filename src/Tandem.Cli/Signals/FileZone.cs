using Tandem.Formats;

namespace Tandem.Cli.Signals;

/// <summary>The zone a data file names for itself, so that `signals import` needs no --zone for it. Electricity Maps
/// exports carry a "Zone Id" column (US-CAL-CISO, DE-LU, ...); no other format Tandem reads names its zone.</summary>
internal static class FileZone
{
    public static string? Of(string file, string format)
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
            _ => throw new UsageException($"--zone: {file} holds rows of several zones ({string.Join(", ", zones)}, ...); give the one to store with --zone, or split the file"),
        };
    }
}
