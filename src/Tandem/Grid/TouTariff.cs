using Tandem.Time;
using Tandem.Units;

namespace Tandem.Grid;

/// <summary>A time-of-use tariff: daily periods in a local time zone, each in a band with a price. The periods must
/// cover the whole day without overlap; that is checked where the tariff is read, and guarded here.</summary>
public sealed class TouTariff
{
    /// <summary>Creates a tariff; periods must tile [00:00, 24:00) and every band used must have a price.</summary>
    public TouTariff(TimeZoneInfo timeZone, IReadOnlyList<TouPeriod> periods, IReadOnlyDictionary<TouBand, EnergyPrice> prices)
    {
        var problems = Check(periods, prices);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        TimeZone = timeZone;
        Periods = periods.OrderBy(p => p.From).ToArray();
        Prices = prices;
    }

    /// <summary>The zone whose wall clock the periods follow.</summary>
    public TimeZoneInfo TimeZone { get; }
    /// <summary>Periods sorted by start.</summary>
    public IReadOnlyList<TouPeriod> Periods { get; }
    /// <summary>Price of each band.</summary>
    public IReadOnlyDictionary<TouBand, EnergyPrice> Prices { get; }

    /// <summary>Every problem with a set of periods and prices, empty when they form a valid tariff.</summary>
    public static List<string> Check(IReadOnlyList<TouPeriod> periods, IReadOnlyDictionary<TouBand, EnergyPrice> prices)
    {
        var problems = new List<string>();
        var sorted = periods.OrderBy(p => p.From).ToList();
        var at = TimeSpan.Zero;
        foreach (var p in sorted)
        {
            if (p.To <= p.From) problems.Add($"period {p.From:hh\\:mm}-{p.To:hh\\:mm} ends before it starts");
            else if (p.From != at) problems.Add(p.From > at ? $"no period covers {at:hh\\:mm}-{p.From:hh\\:mm}" : $"periods overlap at {p.From:hh\\:mm}");
            if (!prices.ContainsKey(p.Band)) problems.Add($"band {p.Band} has no price");
            at = p.To > at ? p.To : at;
        }
        if (at != TimeSpan.FromHours(24)) problems.Add($"the periods end at {at:g}, not 24:00");
        return problems;
    }

    /// <summary>The band in force at a UTC instant.</summary>
    public TouBand BandAt(DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, TimeZone).TimeOfDay;
        foreach (var p in Periods)
            if (local >= p.From && local < p.To) return p.Band;
        return Periods[^1].Band;
    }

    /// <summary>The price on each step of a grid, taken at each step's start. Steps finer than the periods are exact;
    /// a step that straddles a period boundary takes the time-weighted mean of the prices it overlaps.</summary>
    public Series<EnergyPrice> ToSeries(TimeGrid grid)
    {
        var currency = Prices.Values.First().Currency;
        var values = new EnergyPrice[grid.Count];
        var probe = TimeSpan.FromMinutes(15) < grid.Step ? TimeSpan.FromMinutes(15) : grid.Step;
        for (var i = 0; i < grid.Count; i++)
        {
            var start = grid.TimeAt(i);
            double sum = 0;
            var n = 0;
            for (var t = start; t < start + grid.Step; t += probe, n++) sum += Prices[BandAt(t)].PerMegawattHour;
            values[i] = EnergyPrice.PerMwh(sum / n, currency);
        }
        return new Series<EnergyPrice>(grid, values);
    }
}
