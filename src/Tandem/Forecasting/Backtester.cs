using System.Diagnostics;

namespace Tandem.Forecasting;

/// <summary>Rolling-origin backtest: forecasts issued every <c>issueEvery</c> from the first issue time in
/// [testFrom, testTo), each for <c>horizon</c> steps, using only data stamped before the issue time; the model is
/// retrained every <c>refitEvery</c> issues on data before the issue. Prediction intervals are split-conformal on the
/// errors of earlier out-of-sample forecasts (seeded by forecasting the 28 days before the test with a model trained
/// before them).</summary>
public static class Backtester
{
    /// <summary>Where a backtest starts unless told: the day (00:00 UTC) of the time 80 % of the way into the series,
    /// so the last fifth is the test.</summary>
    public static DateTimeOffset DefaultTestStart(ForecastSeries s)
    {
        var t = s.Times[(int)(s.Times.Length * 0.8)];
        return new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero);
    }

    /// <summary>Runs the backtest. A model that cannot be trained on the data throws <see cref="ForecastModelException"/>.</summary>
    public static BacktestResult Run(ForecastSeries s, IForecastModel model, int horizon, DateTimeOffset testFrom, DateTimeOffset testTo,
        TimeSpan issueEvery, int refitEvery = 1, double level = 0.9)
    {
        var clock = Stopwatch.StartNew();
        var first = s.IndexOf(testFrom);
        if (first < 0) throw new ArgumentException($"the test start {testFrom:O} is not a time of the series");
        var every = (int)(issueEvery / s.Step);
        if (every < 1) throw new ArgumentException("issues must be at least one step apart");
        var intervals = new ConformalIntervals(horizon, level);
        var fits = intervals.Seed(s, model, first, every) ? 1 : 0;

        var points = new List<ForecastPoint>();
        var pending = new List<(int Issue, double[] Forecast)>();
        var n = 0;
        for (var issue = first; issue < s.Times.Length && s.Times[issue] < testTo; issue += every, n++)
        {
            // Errors of earlier forecasts whose actuals are now known (before this issue time) calibrate the intervals.
            pending.RemoveAll(p =>
            {
                if (p.Issue + horizon > issue) return false;
                for (var k = 0; k < horizon; k++) intervals.Add(k, s.Values[p.Issue + k], p.Forecast[k]);
                return true;
            });
            if (n % refitEvery == 0)
            {
                model.Fit(s, issue, horizon, every);
                fits++;
            }
            var steps = Math.Min(horizon, s.Times.Length - issue);
            var forecast = model.Predict(new ForecastRequest(s, issue, steps));
            pending.Add((issue, forecast));
            for (var k = 0; k < steps; k++)
            {
                var w = intervals.HalfWidth(k);
                points.Add(new ForecastPoint(s.Times[issue], s.Times[issue + k], s.Values[issue + k], forecast[k], forecast[k] - w, forecast[k] + w));
            }
        }
        return new BacktestResult(model.Name, points, ForecastMetrics.Of(points, level), fits, clock.Elapsed.TotalSeconds);
    }
}
