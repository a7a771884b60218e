namespace Tandem.Forecasting;

/// <summary>A LEAR-style linear model for day-ahead series (after Lago et al., Applied Energy 2021, whose LEAR uses
/// LASSO): one ridge regression per lead over the last known days' full profiles (1, 2, 3 and 7 days before the
/// issue), the known-in-advance covariates at the target time and at the same time one and seven days earlier, and
/// day-of-week indicators, fitted on a variance-stabilised target (asinh of the series centred by the training median
/// and scaled by its median absolute deviation).</summary>
public sealed class LinearLagModel(int trainDays = 1092, double ridge = 1.0) : IForecastModel
{
    private static readonly int[] Days = [1, 2, 3, 7];
    private double[][]? _weights;
    private string[] _covariates = [];
    private double _median, _scale = 1;
    private int _day;

    /// <inheritdoc />
    public string Name => "linear-lag";

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery)
    {
        _day = series.StepsPerDay;
        _covariates = series.Covariates.Keys.Order(StringComparer.Ordinal).ToArray();
        var first = Math.Max(_day * 8, trainEnd - trainDays * _day);
        var window = series.Values.Skip(first).Take(trainEnd - first).Where(double.IsFinite).Order().ToArray();
        if (window.Length < _day * 14) throw new InvalidOperationException("fewer than two weeks of training data");
        _median = window[window.Length / 2];
        var mad = window.Select(v => Math.Abs(v - _median)).Order().ToArray()[window.Length / 2];
        _scale = mad > 0 ? mad / 0.6745 : 1;
        var p = FeatureCount();
        var xtx = Enumerable.Range(0, horizon).Select(_ => new double[p * p]).ToArray();
        var xty = Enumerable.Range(0, horizon).Select(_ => new double[p]).ToArray();
        var x = new double[p];
        var start = first + ((trainEnd - first) % issueEvery);
        for (var issue = start; issue + horizon <= trainEnd; issue += issueEvery)
        {
            var r = new ForecastRequest(series, issue, horizon);
            for (var k = 0; k < horizon; k++)
            {
                var y = series.Values[issue + k];
                if (!double.IsFinite(y) || !Write(r, k, x)) continue;
                var t = Transform(y);
                var a = xtx[k];
                for (var i = 0; i < p; i++)
                {
                    if (x[i] == 0) continue;
                    for (var j = i; j < p; j++) a[i * p + j] += x[i] * x[j];
                    xty[k][i] += x[i] * t;
                }
            }
        }
        _weights = new double[horizon][];
        for (var k = 0; k < horizon; k++)
        {
            var a = xtx[k];
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < i; j++) a[i * p + j] = a[j * p + i];
                a[i * p + i] += ridge;
            }
            _weights[k] = Ridge.Solve(a, p, xty[k]);
        }
    }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        if (_weights is null) throw new InvalidOperationException("Fit the model first.");
        var x = new double[FeatureCount()];
        var result = new double[r.Horizon];
        for (var k = 0; k < r.Horizon; k++)
        {
            var w = _weights[Math.Min(k, _weights.Length - 1)];
            if (!Write(r, k, x)) { result[k] = r.History[^1]; continue; }
            double s = 0;
            for (var i = 0; i < x.Length; i++) s += w[i] * x[i];
            result[k] = Inverse(s);
        }
        return result;
    }

    private int FeatureCount() => 1 + Days.Length * _day + 3 * _covariates.Length + 7;

    private double Transform(double v) => Math.Asinh((v - _median) / _scale);
    private double Inverse(double t) => Math.Sinh(t) * _scale + _median;

    private bool Write(ForecastRequest r, int k, double[] x)
    {
        var h = r.History;
        var c = 0;
        x[c++] = 1;
        // Whole days before the issue: the issue falls on a day boundary for day-ahead forecasts.
        foreach (var d in Days)
        {
            var from = h.Length - d * _day;
            if (from < 0) return false;
            for (var i = 0; i < _day; i++) x[c++] = Transform(h[from + i]);
        }
        foreach (var name in _covariates)
        {
            foreach (var back in new[] { 0, _day, 7 * _day })
            {
                var v = r.Covariate(name, k - back);
                if (!double.IsFinite(v)) return false;
                x[c++] = v / 1e6;
            }
        }
        var dow = (int)r.TargetTime(k).UtcDateTime.DayOfWeek;
        for (var i = 0; i < 7; i++) x[c++] = i == dow ? 1 : 0;
        return true;
    }
}
