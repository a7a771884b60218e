using System.Numerics;

namespace Tandem.Forecasting;

/// <summary>A linear decomposition model of the DLinear kind (Zeng et al., AAAI 2023): the last <c>lookback</c> values
/// are split into a trend (moving average of <c>kernel</c> steps, edges padded by repetition) and a seasonal remainder,
/// and each lead is a linear function of both plus a bias. Instead of gradient descent the weights are the closed-form
/// ridge solution over every training window (one set shared by all channels of a multivariate series), which is
/// what DLinear's training converges to up to regularisation.</summary>
public sealed class DLinearModel(int lookback = 336, int kernel = 25, double ridge = 1e-3) : IForecastModel
{
    private double[][]? _weights; // [lead][2·lookback + 1], on the features [seasonal; trend; 1]
    private double[][]? _raw;     // [lead][lookback + 1], the same map on [window; 1]

    /// <inheritdoc />
    public string Name => "dlinear";
    /// <summary>Input length.</summary>
    public int Lookback => lookback;

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) =>
        FitWindows([series.Values.AsMemory(0, trainEnd)], horizon);

    /// <summary>Fits on several channels at once (channel-independent, shared weights): every window of
    /// <see cref="Lookback"/> + <paramref name="horizon"/> values inside each channel, sliding by one step; a window
    /// holding a missing value (NaN) is left out. Too few windows is a <see cref="ForecastModelException"/>.</summary>
    public void FitWindows(IReadOnlyList<ReadOnlyMemory<double>> channels, int horizon) =>
        Solve(Sums(channels, horizon), ridge);

    /// <summary>The sums over every window of the channels' runs of finite values.</summary>
    /// <remarks>The features are linear in the input window (trend = M·w, seasonal = (I − M)·w for the moving-average
    /// matrix M), so the normal equations are T·G·Tᵀ and T·c for the window's own sums G = Σ u·uᵀ and c = Σ u·y, with
    /// u = [window; 1]. For windows sliding by one step these are lagged products of the series, each obtained from its
    /// neighbour by adding one term and removing one: O(n·(L + H) + L²·H) instead of O(n·L²) per channel.</remarks>
    private WindowSums Sums(IReadOnlyList<ReadOnlyMemory<double>> channels, int horizon)
    {
        var sums = new WindowSums(lookback, horizon);
        foreach (var ch in channels)
            foreach (var (from, length) in FiniteRuns(ch.Span))
                if (length >= lookback + horizon) sums.Add(ch.Span.Slice(from, length));
        // The forecast is a linear map of the window and its bias (l + 1 numbers per lead); fewer windows cannot pin it down.
        if (sums.Windows < lookback + 1)
            throw new ForecastModelException(Name, $"only {sums.Windows} complete training windows of {lookback} inputs and {horizon} outputs; it needs {lookback + 1}; give more history");
        return sums;
    }

    private void Solve(WindowSums sums, double penalty)
    {
        var l = lookback;
        var p = 2 * l + 1;
        var m = MovingAverage();
        var a = Normal(sums.G, m, p);
        for (var i = 0; i < p; i++) a[i * p + i] += penalty * Math.Max(1, a[i * p + i]);
        var factor = Ridge.Factor(a, p);
        var weights = new double[sums.Horizon][];
        var b = new double[p];
        for (var k = 0; k < sums.Horizon; k++)
        {
            var ck = sums.C.AsSpan(k * (l + 1), l + 1);
            for (var i = 0; i < l; i++)
            {
                double t = 0;
                for (var j = 0; j < l; j++) t += m[i * l + j] * ck[j];
                b[i] = ck[i] - t;
                b[l + i] = t;
            }
            b[2 * l] = ck[l];
            weights[k] = Ridge.SolveFactored(factor, p, b);
        }
        _weights = weights;
        _raw = RawWeights(weights, m);
    }

    /// <summary>Sums over windows of L inputs and H outputs sliding by one step: G = Σ u·uᵀ for u = [window; 1] and
    /// c_k = Σ u·y_k per lead k, all a linear forecast's least-squares fit needs.</summary>
    private sealed class WindowSums(int lookback, int horizon)
    {
        public int Horizon => horizon;
        public double[] G { get; } = new double[(lookback + 1) * (lookback + 1)];
        public double[] C { get; } = new double[horizon * (lookback + 1)];
        public long Windows { get; private set; }

        /// <summary>Adds every window of one run of finite values.</summary>
        public void Add(ReadOnlySpan<double> v)
        {
            var l = lookback;
            var span = l + horizon;
            var windows = v.Length - span + 1;
            // q[a, b] = Σ_{s < windows} v[s + a]·v[s + b] for a < l, b < l + horizon; row 0 directly, the rest by
            // q[a, b] = q[a − 1, b − 1] − v[a − 1]·v[b − 1] + v[windows + a − 1]·v[windows + b − 1].
            var q = new double[l * span];
            for (var b = 0; b < span; b++)
            {
                double sum = 0;
                for (var s = 0; s < windows; s++) sum += v[s] * v[s + b];
                q[b] = sum;
            }
            for (var a = 1; a < l; a++)
            {
                q[a * span] = q[a]; // symmetric: q[a, 0] = q[0, a]
                for (var b = 1; b < span; b++)
                    q[a * span + b] = q[(a - 1) * span + b - 1] - v[a - 1] * v[b - 1] + v[windows + a - 1] * v[windows + b - 1];
            }
            // Σ_s v[s + a], from prefix sums.
            var prefix = new double[v.Length + 1];
            for (var i = 0; i < v.Length; i++) prefix[i + 1] = prefix[i] + v[i];
            var w = l + 1;
            for (var i = 0; i < l; i++)
            {
                for (var j = 0; j < l; j++) G[i * w + j] += q[i * span + j];
                var si = prefix[i + windows] - prefix[i];
                G[i * w + l] += si;
                G[l * w + i] += si;
            }
            G[l * w + l] += windows;
            for (var k = 0; k < horizon; k++)
            {
                for (var i = 0; i < l; i++) C[k * w + i] += q[i * span + l + k];
                C[k * w + l] += prefix[l + k + windows] - prefix[l + k];
            }
            Windows += windows;
        }
    }

    /// <summary>T·G·Tᵀ for T = [I − M, 0; M, 0; 0, 1]: the normal matrix on [seasonal; trend; 1].</summary>
    private double[] Normal(double[] g, double[] m, int p)
    {
        var l = lookback;
        var w = l + 1;
        var mg = new double[l * l]; // M·Gw
        for (var i = 0; i < l; i++)
            for (var j = 0; j < l; j++)
            {
                var mij = m[i * l + j];
                if (mij == 0) continue;
                for (var k = 0; k < l; k++) mg[i * l + k] += mij * g[j * w + k];
            }
        var mgm = new double[l * l]; // M·Gw·Mᵀ
        for (var i = 0; i < l; i++)
            for (var k = 0; k < l; k++)
            {
                var mki = m[k * l + i];
                if (mki == 0) continue;
                for (var j = 0; j < l; j++) mgm[j * l + k] += mg[j * l + i] * mki;
            }
        var a = new double[p * p];
        for (var i = 0; i < l; i++)
        {
            for (var j = 0; j < l; j++)
            {
                var gw = g[i * w + j];
                var tt = mgm[i * l + j];
                a[i * p + j] = gw - mg[i * l + j] - mg[j * l + i] + tt;        // seasonal × seasonal
                a[i * p + l + j] = mg[j * l + i] - tt;                          // seasonal_i × trend_j: (Gw·Mᵀ − M·Gw·Mᵀ)[i, j]
                a[(l + j) * p + i] = a[i * p + l + j];
                a[(l + i) * p + l + j] = tt;                                    // trend × trend
            }
            double mgi = 0;
            for (var j = 0; j < l; j++) mgi += m[i * l + j] * g[j * w + l];
            a[i * p + 2 * l] = a[2 * l * p + i] = g[i * w + l] - mgi;           // seasonal × 1
            a[(l + i) * p + 2 * l] = a[2 * l * p + l + i] = mgi;                // trend × 1
        }
        a[p * p - 1] = g[w * w - 1];
        return a;
    }

    /// <summary>The weights on [window; 1]: seasonal·(I − M) + trend·M, so a forecast needs one dot product per lead.</summary>
    private double[][] RawWeights(double[][] weights, double[] m)
    {
        var l = lookback;
        return weights.Select(wk =>
        {
            var r = new double[l + 1];
            for (var j = 0; j < l; j++)
            {
                double t = 0;
                for (var i = 0; i < l; i++) t += (wk[l + i] - wk[i]) * m[i * l + j];
                r[j] = wk[j] + t;
            }
            r[l] = wk[2 * l];
            return r;
        }).ToArray();
    }

    /// <summary>M, the moving average of <c>kernel</c> steps with the window's edges repeated, as an L × L matrix.</summary>
    private double[] MovingAverage()
    {
        var l = lookback;
        var half = (kernel - 1) / 2;
        var m = new double[l * l];
        for (var i = 0; i < l; i++)
            for (var d = -half; d <= half; d++) m[i * l + Math.Clamp(i + d, 0, l - 1)] += 1.0 / (2 * half + 1);
        return m;
    }

    /// <summary>The maximal runs of finite values: (start, length).</summary>
    private static List<(int From, int Length)> FiniteRuns(ReadOnlySpan<double> v)
    {
        var runs = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= v.Length; i++)
        {
            var ok = i < v.Length && double.IsFinite(v[i]);
            if (ok && start < 0) start = i;
            else if (!ok && start >= 0) { runs.Add((start, i - start)); start = -1; }
        }
        return runs;
    }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        if (r.History.Length < lookback) return new SeasonalNaiveModel().Predict(r);
        return Predict(r.History[^lookback..], r.Horizon);
    }

    /// <summary>Forecasts <paramref name="horizon"/> values after the window <paramref name="input"/>.</summary>
    public double[] Predict(ReadOnlySpan<double> input, int horizon)
    {
        if (_raw is null) throw new InvalidOperationException("Fit the model first.");
        var window = input[^lookback..];
        var result = new double[Math.Min(horizon, _raw.Length)];
        for (var k = 0; k < result.Length; k++)
        {
            var w = _raw[k];
            result[k] = Dot(w.AsSpan(0, lookback), window) + w[lookback];
        }
        return result;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var i = 0;
        for (; i + n <= a.Length; i += n) acc += new Vector<double>(a.Slice(i, n)) * new Vector<double>(b.Slice(i, n));
        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Saves the trained weights (JSON: lookback, kernel and one weight row per lead).</summary>
    public void Save(string path)
    {
        if (_weights is null) throw new InvalidOperationException("Nothing to save: the model is not trained.");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new Saved(lookback, kernel, _weights)));
    }

    /// <summary>Loads weights saved by <see cref="Save"/>; the lookback and kernel must match this instance's.</summary>
    public void Load(string path)
    {
        var saved = System.Text.Json.JsonSerializer.Deserialize<Saved>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no model");
        if (saved.Lookback != lookback || saved.Kernel != kernel)
            throw new InvalidDataException($"{path} was trained with lookback {saved.Lookback} and kernel {saved.Kernel}, not {lookback} and {kernel}");
        _weights = saved.Weights;
        _raw = RawWeights(_weights, MovingAverage());
    }

    private sealed record Saved(int Lookback, int Kernel, double[][] Weights);
}
