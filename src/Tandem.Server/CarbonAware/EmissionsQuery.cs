using System.Globalization;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Server.CarbonAware;

/// <summary>The Carbon Aware SDK's emissions semantics over Tandem's signal store, read from the indexed chunks of
/// one zone's carbon series (never a scan of every value). Each stored step is one data point, its rating the stored
/// intensity. A range [time, toTime] takes every point whose interval ends after time and starts no later than toTime,
/// as the SDK's JSON source filters; without toTime, the point covering time; without time, now.</summary>
public sealed class EmissionsQuery(ISignalStore store, Lock gate, TimeProvider clock)
{
    /// <summary>The points of each location over [start, end] (start defaults to now, end to start), in location order
    /// then time, named as asked. A location is a stored zone, a cloud region or "latitude,longitude"
    /// (<see cref="LocationResolver"/>); one that maps to no stored carbon series contributes nothing.</summary>
    public List<EmissionsData> Points(IEnumerable<string> locations, DateTimeOffset? start, DateTimeOffset? end)
    {
        var from = (start ?? clock.GetUtcNow()).ToUniversalTime();
        var to = (end ?? from).ToUniversalTime();
        var list = new List<EmissionsData>();
        foreach (var location in locations)
        {
            if (LocationResolver.BuiltIn.Resolve(location, store, gate) is not { } zone) continue;
            SignalSeries? series;
            // A step that starts at `to` still counts (the SDK's filter is inclusive there), and the step covering
            // `from` starts before it: a day either side (longer than any step) is read and filtered here.
            lock (gate) series = store.Read(zone, SignalKind.Carbon, new Interval(from - Margin, to + Margin));
            if (series is null) continue;
            var grid = series.Grid;
            for (var i = 0; i < grid.Count; i++)
            {
                var t = grid.TimeAt(i);
                var v = series.Values[i];
                if (double.IsNaN(v) || t + grid.Step <= from || t > to) continue;
                list.Add(new EmissionsData(location, t, v, grid.Step));
            }
        }
        return list;
    }

    /// <summary>The points with the lowest rating among <see cref="Points"/> (all of them on a tie), as the SDK's
    /// `bylocations/best` answers.</summary>
    public List<EmissionsData> Best(IEnumerable<string> locations, DateTimeOffset? start, DateTimeOffset? end)
    {
        var points = Points(locations, start, end);
        if (points.Count == 0) return points;
        var min = points.Min(p => p.Rating);
        return points.Where(p => p.Rating == min).ToList();
    }

    /// <summary>The time-weighted mean rating over [start, end), or a message saying why there is none: the stored
    /// points must cover the whole period without a gap (as the SDK requires).</summary>
    public (double? Value, string? Problem) Average(string location, DateTimeOffset start, DateTimeOffset end)
    {
        var (mean, covered) = TimeWeighted(Points([location], start, end), start, end);
        return covered >= end ? (mean, null)
            : (null, string.Create(CultureInfo.InvariantCulture, $"no carbon intensity is stored for {location} over the whole period {start:O} to {end:O} (it stops at {covered:O})"));
    }

    /// <summary>The mean of <paramref name="points"/> (in time order) over [start, end), each weighted by the time it
    /// covers there, and how far from <paramref name="start"/> they cover it without a gap (the mean counts only that
    /// far). Shared by the average and the forecasts' rolling windows.</summary>
    internal static (double Mean, DateTimeOffset CoveredTo) TimeWeighted(IEnumerable<EmissionsData> points, DateTimeOffset start, DateTimeOffset end)
    {
        var total = (end - start).Ticks;
        double sum = 0;
        var covered = start;
        foreach (var p in points)
        {
            if (p.Time >= end || p.Time + p.Duration <= start) continue;
            if (p.Time > covered) break;
            var hi = p.Time + p.Duration < end ? p.Time + p.Duration : end;
            sum += p.Rating * (hi - (p.Time > start ? p.Time : start)).Ticks / total;
            covered = hi;
        }
        return (sum, covered);
    }

    /// <summary>Every zone with a stored carbon series.</summary>
    public List<string> Zones() => LocationResolver.BuiltIn.CarbonZones(store, gate).Order(StringComparer.Ordinal).ToList();

    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);
}
