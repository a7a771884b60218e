namespace Tandem.Grid;

/// <summary>A daily period of a time-of-use tariff in local time: [From, To), where To = 24:00 is written as
/// <see cref="TimeSpan.FromHours(double)"/>(24).</summary>
/// <param name="From">Local time of day the period starts.</param>
/// <param name="To">Local time of day it ends (exclusive), after From.</param>
/// <param name="Band">The band that applies.</param>
public readonly record struct TouPeriod(TimeSpan From, TimeSpan To, TouBand Band);
