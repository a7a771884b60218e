using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Tandem.Forecasting;
using Tandem.Server.CarbonAware;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Server.Forecasts;

/// <summary>A forecast as served: the zone and signal, the model, when it was issued (the end of the last whole stored
/// step), the interval's nominal coverage and whether it could be calibrated, and one point per step ahead with its
/// interval (null bounds where it could not be calibrated).</summary>
public sealed record ZoneForecast(
    [property: JsonPropertyName("zone")] string Zone,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("issued_at")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("level")] double Level,
    [property: JsonPropertyName("calibrated")] bool Calibrated,
    [property: JsonPropertyName("calibration_days")] int CalibrationDays,
    [property: JsonPropertyName("points")] IReadOnlyList<ZoneForecastPoint> Points);

/// <summary>One step ahead: its start, the forecast and the interval.</summary>
public sealed record ZoneForecastPoint(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("forecast")] double Forecast,
    [property: JsonPropertyName("lower")] double? Lower,
    [property: JsonPropertyName("upper")] double? Upper);

/// <summary>Forecasts of any stored signal from Tandem's own models over the stored history up to now (nothing later
/// is read), with split-conformal intervals calibrated on the last days of that history (up to four weeks, forecast
/// every four hours by the model trained before them; at least two days after two weeks of training data). A forecast
/// is kept until the next step's data could change it.</summary>
public sealed class ZoneForecasts(ISignalStore store, Lock gate, TimeProvider clock)
{
    /// <summary>History read, days: four weeks to calibrate on and two to train before them.</summary>
    public const int HistoryDays = 42;

    private readonly ConcurrentDictionary<(string, SignalKind, string, double, int, DateTimeOffset), ZoneForecast> _cache = new();

    /// <summary>The forecast of <paramref name="kind"/> in <paramref name="zone"/> for <paramref name="horizonHours"/>
    /// hours from the last whole stored step before now, or null where nothing is stored; the problem names the field
    /// when the history is too short for the model.</summary>
    public (ZoneForecast? Forecast, string? Field, string? Problem) Forecast(string zone, SignalKind kind, string model, int horizonHours, double level)
    {
        var now = clock.GetUtcNow();
        if (CarbonAwareForecasts.History(store, gate, zone, kind, now, HistoryDays) is not { } history) return (null, null, null);
        var grid = history.Grid;
        var whole = grid.Count;
        var values = history.Values.Values.ToArray();
        var key = (zone, kind, model, level, horizonHours, grid.End);
        if (_cache.TryGetValue(key, out var cached)) return (cached, null, null);
        var series = new ForecastSeries(kind.Name(), Enumerable.Range(0, whole).Select(grid.TimeAt).ToArray(), values, new Dictionary<string, double[]>());
        var perDay = series.StepsPerDay;
        var horizon = Math.Max(1, (int)Math.Ceiling(TimeSpan.FromHours(horizonHours) / grid.Step));
        var days = Math.Min(28, whole / perDay - 14 - (horizon + perDay - 1) / perDay);
        LiveForecast forecast;
        try
        {
            forecast = LiveForecast.Issue(series, ForecastModelCatalog.Create(model, lightGbmThreads: 1)!, horizon, level,
                calibrationDays: Math.Max(days, 2), calibrateEvery: Math.Max(1, perDay / 6));
        }
        catch (ForecastModelException e)
        {
            return (null, "model", $"{model} cannot forecast {zone} {kind.Name()} from the {whole} steps stored before {now:O}: {e.Message}");
        }
        var answer = new ZoneForecast(zone, kind.Name(), kind.Unit(), forecast.Model, grid.End, level, forecast.IntervalCalibrated, forecast.IntervalCalibrated ? Math.Max(days, 2) : 0,
            forecast.Points.Select(p => new ZoneForecastPoint(p.Target, p.Forecast, double.IsFinite(p.Lower) ? p.Lower : null, double.IsFinite(p.Upper) ? p.Upper : null)).ToList());
        if (_cache.Count > 512) _cache.Clear();
        _cache[key] = answer;
        return (answer, null, null);
    }
}
