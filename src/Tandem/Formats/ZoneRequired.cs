namespace Tandem.Formats;

/// <summary>For formats whose stamps carry no offset and whose publisher does not fix the zone: the user must say.</summary>
internal static class ZoneRequired
{
    public static TimeZoneInfo Of(string path, string format, SignalReadOptions options) =>
        options.TimeZone ?? throw new DataFileException(path, "time_zone", 0,
            $"time stamps in the {format} format carry no offset; state the zone they are in (time_zone, e.g. \"UTC\" or \"+08:00\")");
}
