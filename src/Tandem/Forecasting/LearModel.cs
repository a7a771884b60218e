namespace Tandem.Forecasting;

/// <summary>LEAR (Lago et al., Applied Energy 2021): one LASSO per lead, its penalty chosen by AIC, on the full
/// profiles of the last known days (1, 2, 3 and 7 days before the issue), the known-in-advance covariates over the
/// forecast day and over the same hours one and seven days earlier, and day-of-week indicators. Target and
/// covariates are variance-stabilised (asinh of the value centred by its training median and scaled by its median
/// absolute deviation). One calibration window of <c>trainDays</c>; the paper's ensemble averages windows of 56,
/// 84, 1,092 and 1,456 days (<see cref="Ensemble"/>). As in the paper's code, the penalty AIC picks is then used
/// on a differently scaled design: epftoolbox chose it with LassoLarsIC on unit-norm columns and fitted Lasso with it
/// on unit-variance columns, which is the chosen penalty divided by √n; the same refit is done here (on NP it took
/// the weekly-refit MAE from 1.975 to 1.764).</summary>
public sealed class LearModel(int trainDays) : IForecastModel
{
    private static readonly int[] LagDays = [1, 2, 3, 7];
    private Scaler _target;
    private Scaler[] _covScale = [];
    private string[] _covariates = [];
    private int _day, _span;
    private double[] _mean = [], _sd = [];
    private double[][] _weights = [];
    private double[] _intercept = [];
    private double _low = double.NegativeInfinity, _high = double.PositiveInfinity;

    /// <inheritdoc />
    public string Name => $"lear-{trainDays}";

    /// <summary>The paper's LEAR ensemble: the mean of the 56-, 84-, 1,092- and 1,456-day calibration windows.</summary>
    public static EnsembleModel Ensemble() => new("lear", new LearModel(56), new LearModel(84), new LearModel(1092), new LearModel(1456));

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery)
    {
        _day = series.StepsPerDay;
        _span = Math.Min(horizon, _day);
        _covariates = series.Covariates.Keys.Order(StringComparer.Ordinal).ToArray();
        var first = Math.Max(_day * 8, trainEnd - trainDays * _day);
        if (trainEnd - first < _day * 14)
            throw new ForecastModelException(Name, $"needs 14 days of training data after the first 8 (which its lags reach back into); there are {Math.Max(0, trainEnd - first) / (double)_day:0.#}; give more history");
        _target = Scaler.Of(series.Values.AsSpan(first, trainEnd - first));
        _covScale = _covariates.Select(c => Scaler.Of(series.Covariates[c].AsSpan(first, trainEnd - first))).ToArray();
        var p = FeatureCount();
        var rows = new List<(double[] X, double[] Y)>();
        var start = first + ((trainEnd - first) % issueEvery);
        for (var issue = start; issue + horizon <= trainEnd; issue += issueEvery)
        {
            var x = new double[p];
            if (!Write(new ForecastRequest(series, issue, horizon), x)) continue;
            var y = new double[horizon];
            var ok = true;
            for (var k = 0; k < horizon && ok; k++) { y[k] = _target.To(series.Values[issue + k]); ok = double.IsFinite(y[k]); }
            if (ok) rows.Add((x, y));
        }
        var n = rows.Count;
        if (n < 14) throw new ForecastModelException(Name, $"only {n} complete training days (no missing value) before the first issue time; it needs 14; give more history");
        // A forecast is kept within the training targets' range (in the transformed space) widened by a tenth of it:
        // the inverse transform grows exponentially, so an unseen covariate value must not turn into an absurd forecast.
        var lo = rows.Min(r => r.Y.Min());
        var hi = rows.Max(r => r.Y.Max());
        (_low, _high) = (lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo));
        _mean = new double[p];
        _sd = new double[p];
        foreach (var (x, _) in rows) for (var j = 0; j < p; j++) _mean[j] += x[j] / n;
        foreach (var (x, _) in rows) for (var j = 0; j < p; j++) _sd[j] += (x[j] - _mean[j]) * (x[j] - _mean[j]) / n;
        for (var j = 0; j < p; j++) _sd[j] = _sd[j] > 1e-12 ? Math.Sqrt(_sd[j]) : 0;
        var z = rows.Select(row => Standardise(row.X)).ToArray();
        var gram = new double[p * p];
        foreach (var zi in z)
            for (var a = 0; a < p; a++)
            {
                if (zi[a] == 0) continue;
                var row = a * p;
                for (var b = a; b < p; b++) gram[row + b] += zi[a] * zi[b];
            }
        for (var a = 0; a < p; a++)
            for (var b = a; b < p; b++) { gram[a * p + b] /= n; gram[b * p + a] = gram[a * p + b]; }
        _weights = new double[horizon][];
        _intercept = new double[horizon];
        Parallel.For(0, horizon, k =>
        {
            var ybar = rows.Average(row => row.Y[k]);
            var xy = new double[p];
            double yy = 0;
            for (var i = 0; i < n; i++)
            {
                var yc = rows[i].Y[k] - ybar;
                yy += yc * yc / n;
                for (var j = 0; j < p; j++) xy[j] += z[i][j] * yc / n;
            }
            _weights[k] = Lasso.FitAic(gram, p, xy, yy, n, refitFactor: 1 / Math.Sqrt(n));
            _intercept[k] = ybar;
        });
    }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        if (_weights.Length == 0) throw new InvalidOperationException("Fit the model first.");
        var result = new double[r.Horizon];
        var x = new double[FeatureCount()];
        var ok = Write(r, x);
        var zx = ok ? Standardise(x) : x;
        for (var k = 0; k < r.Horizon; k++)
        {
            // A missing feature: the last known value at the same time of day (seasonal naive).
            if (!ok) { result[k] = ForecastFeatures.Anchor(r, k); continue; }
            var w = _weights[Math.Min(k, _weights.Length - 1)];
            var s = _intercept[Math.Min(k, _intercept.Length - 1)];
            for (var j = 0; j < zx.Length; j++) s += w[j] * zx[j];
            result[k] = _target.From(Math.Clamp(s, _low, _high));
        }
        return result;
    }

    /// <summary>Saves the trained model (JSON: scalers, covariate names, standardisation and one weight row per lead).</summary>
    public void Save(string path)
    {
        if (_weights.Length == 0) throw new InvalidOperationException("Nothing to save: the model is not trained.");
        var saved = new Saved(trainDays, _day, _span, _covariates, _target, _covScale, _mean, _sd, _weights, _intercept, _low, _high);
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(saved));
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; its calibration window must match this instance's.</summary>
    public void Load(string path)
    {
        var s = System.Text.Json.JsonSerializer.Deserialize<Saved>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no model");
        if (s.TrainDays != trainDays) throw new InvalidDataException($"{path} was trained on a {s.TrainDays}-day window, not {trainDays}");
        (_day, _span, _covariates, _target, _covScale, _mean, _sd, _weights, _intercept, _low, _high) =
            (s.Day, s.Span, s.Covariates, s.Target, s.CovariateScale, s.Mean, s.Sd, s.Weights, s.Intercept, s.Low, s.High);
    }

    private sealed record Saved(int TrainDays, int Day, int Span, string[] Covariates, Scaler Target, Scaler[] CovariateScale,
        double[] Mean, double[] Sd, double[][] Weights, double[] Intercept, double Low, double High);

    private int FeatureCount() => LagDays.Length * _day + 3 * _span * _covariates.Length + 7;

    private double[] Standardise(double[] x)
    {
        var z = new double[x.Length];
        for (var j = 0; j < x.Length; j++) z[j] = _sd[j] > 0 ? (x[j] - _mean[j]) / _sd[j] : 0;
        return z;
    }

    /// <summary>The features of one issue (the same for every lead), or false when one is missing.</summary>
    private bool Write(ForecastRequest r, double[] x)
    {
        var h = r.History;
        var c = 0;
        foreach (var d in LagDays)
        {
            var from = h.Length - d * _day;
            if (from < 0) return false;
            for (var i = 0; i < _day; i++) x[c++] = _target.To(h[from + i]);
        }
        for (var v = 0; v < _covariates.Length; v++)
            foreach (var back in new[] { 0, _day, 7 * _day })
                for (var i = 0; i < _span; i++) x[c++] = _covScale[v].To(r.Covariate(_covariates[v], i - back));
        var dow = (int)r.TargetTime(0).UtcDateTime.DayOfWeek;
        for (var i = 0; i < 7; i++) x[c++] = i == dow ? 1 : 0;
        for (var j = 0; j < c; j++) if (!double.IsFinite(x[j])) return false;
        return true;
    }

    /// <summary>asinh((v − median) / (MAD / 0.6745)): the variance-stabilising transform of the LEAR paper.</summary>
    private readonly record struct Scaler(double Median, double Scale)
    {
        public static Scaler Of(ReadOnlySpan<double> values)
        {
            var finite = new List<double>(values.Length);
            foreach (var v in values) if (double.IsFinite(v)) finite.Add(v);
            if (finite.Count == 0) return new Scaler(0, 1);
            finite.Sort();
            var median = finite[finite.Count / 2];
            var dev = finite.Select(v => Math.Abs(v - median)).Order().ElementAt(finite.Count / 2);
            return new Scaler(median, dev > 0 ? dev / 0.6745 : 1);
        }

        public double To(double v) => Math.Asinh((v - Median) / Scale);
        public double From(double t) => Math.Sinh(t) * Scale + Median;
    }
}
