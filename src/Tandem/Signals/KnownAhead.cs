using Tandem.Time;

namespace Tandem.Signals;

/// <summary>A series published ahead of the time it describes, which forecasters may use as a covariate: a day-ahead
/// forecast of wind or solar output, of weather or of the carbon intensity itself (DACF's files carry all of them).
/// Values are published in blocks of <see cref="Cycle"/> (a UTC day by default; 6 h for an intraday update), each
/// <see cref="IssuedBefore"/> before its block begins: with a day and zero, the whole day is known from its first
/// step; with a day and 12 h, from noon of the day before. It reaches back over the scenario's history grid, so a
/// model learns from it the way it will use it.</summary>
/// <param name="Name">What models call it (lower case, digits and underscores), e.g. solar_forecast_kw.</param>
/// <param name="Values">The series over the history grid and the scenario period (NaN where the file has no value).</param>
/// <param name="IssuedBefore">How long before its block begins a value is published.</param>
/// <param name="Cycle">The length of a block (blocks start at multiples of it since 1970-01-01 UTC); a day when null.</param>
/// <param name="ForecastOf">The signal this series forecasts directly (a published carbon or price forecast, in that
/// signal's unit), or null for a covariate.</param>
public sealed record KnownAhead(string Name, Series<double> Values, TimeSpan IssuedBefore, TimeSpan? Cycle = null, SignalKind? ForecastOf = null)
{
    /// <summary>When the value for the step starting at <paramref name="target"/> is published.</summary>
    public DateTimeOffset IssuedAt(DateTimeOffset target)
    {
        var cycle = (Cycle ?? TimeSpan.FromDays(1)).Ticks;
        var since = (target - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(since - (since % cycle + cycle) % cycle) - IssuedBefore;
    }
}
