using System.Globalization;
using System.IO.Compression;

namespace Tandem.Cli.Tests.Testing;

/// <summary>A published CSV file read with nothing but string splitting and the publisher's documented units: the
/// independent read that Tandem's own readers are checked against. Files must have no quoted fields.</summary>
internal sealed class PublishedCsv
{
    private readonly string[] _header;
    private readonly List<string[]> _rows;

    private PublishedCsv(string[] header, List<string[]> rows)
    {
        _header = header;
        _rows = rows;
    }

    public static PublishedCsv Read(string path)
    {
        using Stream raw = File.OpenRead(path);
        using var s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(s);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToArray();
        return new PublishedCsv(header, lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    /// <summary>(UTC time, value × scale) per row; rows without a number are left out. A stamp without an offset is
    /// wall-clock time at <paramref name="utcOffsetHours"/>.</summary>
    public List<(DateTimeOffset Time, double Value)> Values(string timeHeader, string valueHeader, double scale, double utcOffsetHours)
    {
        var t = Array.IndexOf(_header, timeHeader);
        var v = Array.IndexOf(_header, valueHeader);
        Assert.True(t >= 0 && v >= 0, $"expected columns '{timeHeader}' and '{valueHeader}' in {string.Join(",", _header)}");
        var list = new List<(DateTimeOffset, double)>();
        foreach (var f in _rows)
        {
            if (!double.TryParse(f[v], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) continue;
            list.Add((Time(f[t], utcOffsetHours), x * scale));
        }
        return list;
    }

    private static DateTimeOffset Time(string text, double utcOffsetHours)
    {
        text = text.Trim();
        if (text.Length > 19) return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
        var local = DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(local, TimeSpan.FromHours(utcOffsetHours)).ToUniversalTime();
    }
}
