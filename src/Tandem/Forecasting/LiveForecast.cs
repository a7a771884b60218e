namespace Tandem.Forecasting;

/// <summary>A forecast from the end of the data into the unknown future, as <c>tandem forecast</c> issues it: the model
/// trained on the whole series, forecasting the <c>horizon</c> steps after its last time, with split-conformal
/// intervals calibrated on the four weeks before the end (forecast by the same model trained before them). Covariates
/// past the end are unknown (NaN): a file cannot hold them.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Target">Name of the target column.</param>
/// <param name="Points">One point per step after the end; Actual is NaN, and Lower and Upper are infinite when the
/// interval could not be calibrated.</param>
/// <param name="IntervalCalibrated">False when there was too little data (six weeks, and enough before the last four
/// for the model to train on) to calibrate the interval.</param>
public sealed record LiveForecast(string Model, string Target, IReadOnlyList<ForecastPoint> Points, bool IntervalCalibrated)
{
    /// <summary>When the forecast was issued: the end of the data (its last time plus one step).</summary>
    public DateTimeOffset IssuedAt => Points[0].IssuedAt;

    /// <summary>Trains <paramref name="model"/> on all of <paramref name="series"/> and forecasts
    /// <paramref name="horizon"/> steps past its end with intervals of nominal coverage <paramref name="level"/>,
    /// calibrated on the last <paramref name="calibrationDays"/> days (forecast every <paramref name="calibrateEvery"/>
    /// steps, default daily, by the model trained before them). Too little data for the model is a
    /// <see cref="ForecastModelException"/>.</summary>
    public static LiveForecast Issue(ForecastSeries series, IForecastModel model, int horizon, double level, int calibrationDays = 28, int? calibrateEvery = null)
    {
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "at least one step");
        var intervals = new ConformalIntervals(horizon, level, window: Math.Max(28, calibrationDays * series.StepsPerDay / Math.Max(1, calibrateEvery ?? series.StepsPerDay)));
        var issue = series.Times.Length;
        var calibrated = intervals.Seed(series, model, issue, calibrateEvery ?? series.StepsPerDay, calibrationDays);
        model.Fit(series, issue, horizon, series.StepsPerDay);
        var extended = Extend(series, horizon);
        var point = model.Predict(new ForecastRequest(extended, issue, horizon));
        var issuedAt = extended.Times[issue];
        var points = new ForecastPoint[horizon];
        for (var k = 0; k < horizon; k++)
        {
            var w = intervals.HalfWidth(k);
            points[k] = new ForecastPoint(issuedAt, extended.Times[issue + k], double.NaN, point[k], point[k] - w, point[k] + w);
        }
        return new LiveForecast(model.Name, series.Target, points, calibrated);
    }

    /// <summary>The series with <paramref name="h"/> steps appended past its end: target and covariates unknown (NaN).</summary>
    private static ForecastSeries Extend(ForecastSeries s, int h)
    {
        var times = s.Times.Concat(Enumerable.Range(1, h).Select(k => s.Times[^1] + s.Step * k)).ToArray();
        var values = s.Values.Concat(Enumerable.Repeat(double.NaN, h)).ToArray();
        var cov = s.Covariates.ToDictionary(kv => kv.Key, kv => kv.Value.Concat(Enumerable.Repeat(double.NaN, h)).ToArray());
        return new ForecastSeries(s.Target, times, values, cov);
    }
}
