using System.Globalization;

namespace Tandem.Formats;

/// <summary>Turns the time stamps that published files use into UTC instants, at the door. A stamp without an offset
/// is only accepted where the caller states the zone it is in (the format documents it, or the user gave one).</summary>
public static class Timestamps
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>Parses a stamp that carries its own offset (ISO-8601 such as 2020-01-01T00:00:00+08:00 or ...Z).</summary>
    public static bool TryParseWithOffset(string text, out DateTimeOffset utc)
    {
        utc = default;
        text = text.Trim();
        if (!HasOffset(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return false;
        utc = t.ToUniversalTime();
        return true;
    }

    /// <summary>Parses a stamp without offset as wall-clock time in <paramref name="zone"/>. Ambiguous wall times
    /// (the repeated hour when clocks go back) take the standard-time offset unless <paramref name="preferDaylight"/>.</summary>
    public static bool TryParseLocal(string text, TimeZoneInfo zone, out DateTimeOffset utc, bool preferDaylight = false)
    {
        utc = default;
        text = text.Trim();
        if (HasOffset(text)) return TryParseWithOffset(text, out utc);
        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        utc = ToUtc(local, zone, preferDaylight);
        return true;
    }

    /// <summary>Converts a wall-clock time in a zone to UTC.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone, bool preferDaylight = false)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            offset = preferDaylight ? offsets.Max() : offsets.Min();
        }
        else if (zone.IsInvalidTime(local)) offset = zone.BaseUtcOffset; // a skipped hour: treat as standard time
        else offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>True if an ISO-like stamp ends in Z or ±hh:mm / ±hhmm.</summary>
    public static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z')) return true;
        var t = text.IndexOf('T') >= 0 ? text[(text.IndexOf('T') + 1)..] : (text.Length > 10 ? text[10..] : "");
        return t.Contains('+') || t.LastIndexOf('-') > 0;
    }

    /// <summary>A zone from an IANA id (Asia/Shanghai) or a fixed offset (+08:00, UTC).</summary>
    public static bool TryParseZone(string text, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text is "UTC" or "Z" or "Etc/UTC") return true;
        if ((text[0] == '+' || text[0] == '-') && TimeSpan.TryParse(text.TrimStart('+'), CultureInfo.InvariantCulture, out var off))
        {
            if (text[0] == '-') off = -off;
            if (off.Ticks % TimeSpan.TicksPerMinute != 0 || off.Duration() > TimeSpan.FromHours(14)) return false;
            zone = TimeZoneInfo.CreateCustomTimeZone($"UTC{text}", off, $"UTC{text}", $"UTC{text}");
            return true;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(text);
            return true;
        }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
