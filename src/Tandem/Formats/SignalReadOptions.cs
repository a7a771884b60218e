using Tandem.Units;

namespace Tandem.Formats;

/// <summary>What a user states about a file that the file itself does not say.</summary>
/// <param name="TimeZone">The zone of stamps that carry no offset, for formats that do not fix it.</param>
/// <param name="Currency">The currency of prices, for formats that do not state it.</param>
public sealed record SignalReadOptions(TimeZoneInfo? TimeZone = null, Currency? Currency = null)
{
    /// <summary>No extra information.</summary>
    public static SignalReadOptions None { get; } = new();
}
