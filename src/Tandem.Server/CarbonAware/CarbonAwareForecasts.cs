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
public sealed class CarbonAwareForecasts(ISignalStore store, Lock gate)
{
    /// <summary>History handed to the forecaster, days (the backtest needs two weeks and a day of lags).</summary>
    public const int HistoryDays = 35;

    private readonly BacktestedForecaster _forecaster = new();
    private readonly Lock _forecasterGate = new();

    /// <summary>The next day of <paramref name="location"/>'s carbon intensity after <paramref name="issuedAt"/> (on
    /// the stored series' grid, starting at the first step at or after it), or null where nothing is stored before it.</summary>
    public List<EmissionsData>? Forecast(string location, DateTimeOffset issuedAt)
    {
        SignalSeries? history;
        lock (gate) history = store.Read(location, SignalKind.Carbon, new Interval(issuedAt - TimeSpan.FromDays(HistoryDays), issuedAt));
        if (history is null || history.Grid.Count == 0) return null;
        var grid = history.Grid;
        var perDay = Math.Max(1, (int)Math.Round(TimeSpan.FromDays(1) / grid.Step));
        double[] values;
        lock (_forecasterGate) values = _forecaster.Forecast(new SignalKey(SignalKind.Carbon, location), history, perDay, perDay);
        return values.Select((v, k) => new EmissionsData(location, grid.End + grid.Step * k, v, grid.Step)).ToList();
    }

    /// <summary>The SDK's answer for one location from <paramref name="points"/>: filtered to the data span, rolled over
    /// the window, the optimal points picked; null with a message when the span lies outside the forecast.</summary>
    public static (EmissionsForecastDto? Answer, string? Problem) Shape(string location, List<EmissionsData> points, DateTimeOffset generatedAt,
        DateTimeOffset requestedAt, DateTimeOffset? dataStartAt, DateTimeOffset? dataEndAt, int windowMinutes)
    {
        var first = points[0];
        var last = points[^1];
        var start = dataStartAt ?? first.Time;
        var end = dataEndAt ?? last.Time + last.Duration;
        if (start < first.Time || end > last.Time + last.Duration || end <= start)
            return (null, $"dataStartAt and dataEndAt must lie within the forecast, {first.Time:O} to {last.Time + last.Duration:O}, with dataStartAt before dataEndAt");
        var inSpan = points.Where(p => p.Time + p.Duration > start && p.Time <= end).ToList();
        var rolled = windowMinutes <= 0 ? inSpan : Rolling(inSpan, TimeSpan.FromMinutes(windowMinutes), start, end);
        var data = rolled.Select(p => new ForecastPointDto(location, p.Time, (int)p.Duration.TotalMinutes, p.Rating)).ToList();
        var min = data.Count == 0 ? double.NaN : data.Min(p => p.Value);
        return (new EmissionsForecastDto(generatedAt, requestedAt, location, start, end, Math.Max(0, windowMinutes), data.Where(p => p.Value == min).ToList(), data), null);
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
        {
            double sum = 0;
            foreach (var p in points)
            {
                var lo = p.Time > t ? p.Time : t;
                var hi = p.Time + p.Duration < t + window ? p.Time + p.Duration : t + window;
                if (hi > lo) sum += p.Rating * (hi - lo).Ticks;
            }
            list.Add(new EmissionsData(points[0].Location, t, sum / window.Ticks, window));
        }
        return list;
    }
}
