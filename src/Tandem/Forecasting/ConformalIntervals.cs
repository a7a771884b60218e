namespace Tandem.Forecasting;

/// <summary>Split-conformal prediction intervals per lead: the interval is the forecast ± the
/// ⌈(n + 1)·level⌉-th smallest absolute error of the last <see cref="Window"/> out-of-sample forecasts at that lead.
/// With exchangeable errors this covers the actual with probability at least <c>level</c>; the backtest reports the
/// coverage it actually reached.</summary>
public sealed class ConformalIntervals(int horizon, double level, int window = 28)
{
    private readonly List<double>[] _errors = Enumerable.Range(0, horizon).Select(_ => new List<double>()).ToArray();

    /// <summary>The nominal coverage.</summary>
    public double Level => level;
    /// <summary>Errors kept per lead.</summary>
    public int Window => window;

    /// <summary>Seeds the intervals with out-of-sample errors: trains <paramref name="model"/> on the series before the
    /// <paramref name="days"/> days (four weeks by default) that end at <paramref name="end"/> and forecasts those days
    /// every <paramref name="every"/> steps. Returns false (and leaves the intervals empty) when there is less than two
    /// weeks of history before them, or too little for the model to train on.</summary>
    public bool Seed(ForecastSeries series, IForecastModel model, int end, int every, int days = 28)
    {
        var from = end - days * series.StepsPerDay;
        if (from <= series.StepsPerDay * 14) return false;
        try { model.Fit(series, from, horizon, every); }
        catch (ForecastModelException) { return false; }
        for (var issue = from; issue + horizon <= end; issue += every)
        {
            var f = model.Predict(new ForecastRequest(series, issue, horizon));
            for (var k = 0; k < horizon; k++) Add(k, series.Values[issue + k], f[k]);
        }
        return true;
    }

    /// <summary>Records the error of a forecast at lead <paramref name="k"/> once its actual is known.</summary>
    public void Add(int k, double actual, double forecast)
    {
        if (!double.IsFinite(actual) || !double.IsFinite(forecast)) return;
        var list = _errors[k];
        list.Add(Math.Abs(actual - forecast));
        if (list.Count > window) list.RemoveAt(0);
    }

    /// <summary>The half-width at lead <paramref name="k"/>; infinite until there are errors to calibrate on.</summary>
    public double HalfWidth(int k)
    {
        var list = _errors[k];
        if (list.Count == 0) return double.PositiveInfinity;
        var sorted = list.Order().ToArray();
        var rank = (int)Math.Ceiling((sorted.Length + 1) * level) - 1;
        return rank >= sorted.Length ? sorted[^1] : sorted[Math.Max(0, rank)];
    }
}
