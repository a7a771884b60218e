using Tandem.Forecasting;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Server.CarbonAware;

/// <summary>Carbon-intensity forecasts for the SDK's forecast endpoints, made by Tandem's own forecaster (the model
/// that backtests best on the zone's recent history, as mpc uses) from the stored history up to the issue time only:
/// nothing stored after it is read. The SDK's JSON source cannot forecast at all. Windowing follows the SDK's
/// ForecastHandler: points overlapping [dataStartAt, dataEndAt], averaged over a rolling window of windowSize minutes
/// stepping by one point, and the optimal points are those with the lowest average.</summary>
public sealed class CarbonAwareForecasts(ISignalStore store, Lock gate, Operations.ServiceMetrics? metrics = null)
{
    /// <summary>History handed to the forecaster, days (the backtest needs two weeks and a day of lags).</summary>
    public const int HistoryDays = 35;

    /// <summary>The next day of <paramref name="location"/>'s carbon intensity from the last whole step before
    /// <paramref name="issuedAt"/> (a step still running at the issue time is not read), or null where nothing is stored
    /// before it. Each forecast chooses its model afresh on the history it is given, so no choice made on later data
    /// carries over. Gaps in the history are filled with the last value before them (or the first after, at its start).</summary>
    public List<EmissionsData>? Forecast(string location, DateTimeOffset issuedAt)
    {
        issuedAt = issuedAt.ToUniversalTime();
        if (LocationResolver.BuiltIn.Resolve(location, store, gate) is not { } zone) return null;
        if (History(store, gate, zone, SignalKind.Carbon, issuedAt, HistoryDays) is not { } stored) return null;
        var grid = stored.Grid;
        var history = stored with { Zone = location };
        var perDay = Math.Max(1, (int)Math.Round(TimeSpan.FromDays(1) / grid.Step));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var forecast = new BacktestedForecaster().Forecast(new SignalKey(SignalKind.Carbon, location), history, perDay, perDay);
        metrics?.Forecasts.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("location", location));
        return forecast.Select((v, k) => new EmissionsData(location, grid.End + grid.Step * k, v, grid.Step)).ToList();
    }

    /// <summary>The whole steps of (<paramref name="zone"/>, <paramref name="kind"/>) stored in the <paramref name="days"/>
    /// days before <paramref name="issuedAt"/> (a step still running then is not read), gaps filled (<see cref="Fill"/>);
    /// null when none is stored. What every forecast the service makes is trained on.</summary>
    internal static SignalSeries? History(ISignalStore store, Lock gate, string zone, SignalKind kind, DateTimeOffset issuedAt, int days)
    {
        SignalSeries? read;
        lock (gate) read = store.Read(zone, kind, new Interval(issuedAt - TimeSpan.FromDays(days), issuedAt));
        if (read is null) return null;
        var whole = 0;
        while (whole < read.Grid.Count && read.Grid.TimeAt(whole) + read.Grid.Step <= issuedAt) whole++;
        var values = read.Values.Values[..whole].ToArray();
        if (!Fill(values)) return null;
        return read with { Values = new Series<double>(new TimeGrid(read.Grid.Start, read.Grid.Step, whole), values) };
    }

    /// <summary>Fills NaN gaps in place with the last value before each (the first value, before it); false if there is none.</summary>
    private static bool Fill(double[] values)
    {
        var first = Array.FindIndex(values, v => !double.IsNaN(v));
        if (first < 0) return false;
        for (var i = 0; i < first; i++) values[i] = values[first];
        for (var i = first + 1; i < values.Length; i++) if (double.IsNaN(values[i])) values[i] = values[i - 1];
        return true;
    }

    /// <summary>The SDK's answer for one location from <paramref name="points"/>: filtered to the data span, rolled over
    /// the window, the optimal points picked; null with a message when the span lies outside the forecast.</summary>
    public static (EmissionsForecastDto? Answer, string? Field, string? Problem) Shape(string location, List<EmissionsData> points, DateTimeOffset generatedAt,
        DateTimeOffset requestedAt, DateTimeOffset? dataStartAt, DateTimeOffset? dataEndAt, int windowMinutes)
    {
        var first = points[0];
        var last = points[^1];
        var start = dataStartAt ?? first.Time;
        var end = dataEndAt ?? last.Time + last.Duration;
        var span = $"the forecast covers {first.Time:O} to {last.Time + last.Duration:O}";
        if (start < first.Time || start >= last.Time + last.Duration) return (null, "dataStartAt", $"dataStartAt must lie within the forecast: {span}");
        if (end > last.Time + last.Duration) return (null, "dataEndAt", $"dataEndAt must lie within the forecast: {span}");
        if (end <= start) return (null, "dataEndAt", "dataEndAt must be after dataStartAt");
        var inSpan = points.Where(p => p.Time + p.Duration > start && p.Time <= end).ToList();
        var rolled = windowMinutes <= 0 ? inSpan : Rolling(inSpan, TimeSpan.FromMinutes(windowMinutes), start, end);
        var data = rolled.Select(p => new ForecastPointDto(location, p.Time, (int)p.Duration.TotalMinutes, p.Rating)).ToList();
        var min = data.Count == 0 ? double.NaN : data.Min(p => p.Value);
        // As the SDK reports it: the start of the last point when dataEndAt was not given.
        var reportedEnd = dataEndAt ?? (data.Count > 0 ? data[^1].Timestamp : end);
        return (new EmissionsForecastDto(generatedAt, requestedAt, location, start, reportedEnd, Math.Max(0, windowMinutes), data.Where(p => p.Value == min).ToList(), data), null, null);
    }

    /// <summary>Time-weighted averages over [t, t + window) for t from the span's start, one point's length apart,
    /// while the window ends within the span and the points cover it.</summary>
    private static List<EmissionsData> Rolling(List<EmissionsData> points, TimeSpan window, DateTimeOffset start, DateTimeOffset end)
    {
        var list = new List<EmissionsData>();
        if (points.Count == 0) return list;
        var tick = points[0].Duration;
        var from = start > points[0].Time ? start : points[0].Time;
        var coveredTo = points[^1].Time + points[^1].Duration;
        for (var t = from; t + window <= end && t + window <= coveredTo; t += tick)
            list.Add(new EmissionsData(points[0].Location, t, EmissionsQuery.TimeWeighted(points, t, t + window).Mean, window));
        return list;
    }
}
