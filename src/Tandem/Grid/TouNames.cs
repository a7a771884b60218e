using System.Globalization;

namespace Tandem.Grid;

/// <summary>How a time-of-use tariff is written, in a scenario file and in the service's requests alike: its bands by
/// name (deep_valley, valley, flat, peak, critical_peak) and its times of day as hh:mm, with 24:00 as an end.</summary>
public static class TouNames
{
    /// <summary>The bands by name.</summary>
    public static IReadOnlyDictionary<string, TouBand> Bands { get; } = new Dictionary<string, TouBand>(StringComparer.Ordinal)
    {
        ["deep_valley"] = TouBand.DeepValley, ["valley"] = TouBand.Valley, ["flat"] = TouBand.Flat,
        ["peak"] = TouBand.Peak, ["critical_peak"] = TouBand.CriticalPeak,
    };

    /// <summary>The band names, listed for a message.</summary>
    public static string Listed => string.Join(", ", Bands.Keys);

    /// <summary>What a time of day that does not read says.</summary>
    public const string TimeOfDayProblem = "is not a time of day hh:mm (24:00 allowed as an end)";

    /// <summary>Reads a time of day hh:mm (24:00 as an end of day).</summary>
    public static bool TryTimeOfDay(string? text, out TimeSpan time)
    {
        if (text == "24:00") { time = TimeSpan.FromHours(24); return true; }
        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }
}
