using Tandem.Time;

namespace Tandem.Signals;

/// <summary>What a policy or forecaster may know of the signals at one instant: every value of a step that has begun
/// (the current step's value is known, a nowcast), and nothing after. It wraps a source the caller cannot reach, so
/// reading the future is impossible by construction: a request past the end is cut at it.</summary>
public sealed class SignalView
{
    private static readonly DateTimeOffset Beginning = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ISignalSource _source;

    /// <summary>A view of <paramref name="source"/> that ends at <paramref name="end"/>: values labelled before it are
    /// visible.</summary>
    public SignalView(ISignalSource source, DateTimeOffset end)
    {
        _source = source;
        End = end;
    }

    /// <summary>The first instant not visible: the end of the current step.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Values of <paramref name="kind"/> for <paramref name="zone"/> from <paramref name="from"/> (default: as far
    /// back as the source reaches) up to <see cref="End"/>, or null if the source has none.</summary>
    public SignalSeries? History(string zone, SignalKind kind, DateTimeOffset? from = null)
    {
        var start = from ?? Beginning;
        if (start >= End) return null;
        var s = _source.Read(zone, kind, new Interval(start, End));
        if (s is not null && s.Grid.End > End) throw new InvalidOperationException($"Signal source returned {zone}/{kind} past {End:O}.");
        return s;
    }

    /// <summary>The series published ahead for <paramref name="zone"/>, by name, on <paramref name="over"/> (a grid on
    /// the scenario's step, e.g. the history followed by a forecast horizon), each with when its values are published:
    /// a value whose step is published by the start of the current step (<see cref="End"/> less one step) is shown,
    /// every other is NaN. Published values of
    /// steps after <see cref="End"/> are what makes these series worth having; nothing else of the future is.</summary>
    public IReadOnlyDictionary<string, PublishedForecast> KnownAhead(string zone, TimeGrid over)
    {
        var result = new Dictionary<string, PublishedForecast>();
        foreach (var k in _source.KnownAhead(zone)) result[k.Name] = Visible(k, over);
        return result;
    }

    /// <summary>A known-ahead series on <paramref name="over"/> as known at the start of the current step, with when
    /// each value was (or will be) published.</summary>
    private PublishedForecast Visible(KnownAhead k, TimeGrid over)
    {
        var now = End - over.Step;
        var values = new double[over.Count];
        var issued = new DateTimeOffset[over.Count];
        var g = k.Values.Grid;
        for (var i = 0; i < over.Count; i++)
        {
            var t = over.TimeAt(i);
            var at = g.Step == over.Step && t >= g.Start && t < g.End ? (int)((t - g.Start).Ticks / g.Step.Ticks) : -1;
            issued[i] = k.IssuedAt(t);
            values[i] = at >= 0 && issued[i] <= now ? k.Values[at] : double.NaN;
        }
        return new PublishedForecast(values, issued);
    }

    /// <summary>The series published ahead for <paramref name="zone"/> that forecasts <paramref name="kind"/> directly
    /// (known_ahead with forecast_of), on <paramref name="over"/>: the values published by the start of the current
    /// step (NaN for the rest) and when each was (or will be) published, or null if there is none.</summary>
    public PublishedForecast? Published(string zone, SignalKind kind, TimeGrid over) =>
        _source.KnownAhead(zone).FirstOrDefault(k => k.ForecastOf == kind) is { } k ? Visible(k, over) : null;

    /// <summary>The latest visible value labelled at or after <paramref name="since"/>, or null. A policy asking for the
    /// current step's value (a nowcast) passes the step's start, so only that step is read.</summary>
    public double? Latest(string zone, SignalKind kind, DateTimeOffset since)
    {
        var s = History(zone, kind, since);
        return s is null || s.Values.Count == 0 ? null : s.Values[s.Values.Count - 1];
    }
}
