namespace Tandem.Forecasting;

/// <summary>A linear decomposition model of the DLinear kind (Zeng et al., AAAI 2023): the last <c>lookback</c> values
/// are split into a trend (moving average of <c>kernel</c> steps, edges padded by repetition) and a seasonal remainder,
/// and each lead is a linear function of both plus a bias. Instead of gradient descent the weights are the closed-form
/// ridge solution over every training window (one set shared by all channels of a multivariate series), which is
/// what DLinear's training converges to up to regularisation.</summary>
public sealed class DLinearModel(int lookback = 336, int kernel = 25, double ridge = 1e-3) : IForecastModel
{
    private double[][]? _weights; // [lead][2·lookback + 1]

    /// <inheritdoc />
    public string Name => "dlinear";
    /// <summary>Input length.</summary>
    public int Lookback => lookback;

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) =>
        FitWindows([series.Values.AsMemory(0, trainEnd)], horizon, 1);

    /// <summary>Fits on several channels at once (channel-independent, shared weights): every window of
    /// <see cref="Lookback"/> + <paramref name="horizon"/> values inside each channel, every <paramref name="stride"/> steps.</summary>
    public void FitWindows(IReadOnlyList<ReadOnlyMemory<double>> channels, int horizon, int stride)
    {
        var p = 2 * lookback + 1;
        var xtx = new double[p * p];
        var xty = new double[horizon * p];
        var x = new double[p];
        foreach (var ch in channels)
        {
            var v = ch.Span;
            for (var start = 0; start + lookback + horizon <= v.Length; start += stride)
            {
                Features(v.Slice(start, lookback), x);
                for (var i = 0; i < p; i++)
                {
                    var xi = x[i];
                    if (xi == 0) continue;
                    var row = i * p;
                    for (var j = i; j < p; j++) xtx[row + j] += xi * x[j];
                }
                for (var k = 0; k < horizon; k++)
                {
                    var y = v[start + lookback + k];
                    var row = k * p;
                    for (var i = 0; i < p; i++) xty[row + i] += x[i] * y;
                }
            }
        }
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < i; j++) xtx[i * p + j] = xtx[j * p + i];
            xtx[i * p + i] += ridge * Math.Max(1, xtx[i * p + i]);
        }
        _weights = new double[horizon][];
        var factor = Ridge.Factor(xtx, p);
        for (var k = 0; k < horizon; k++) _weights[k] = Ridge.SolveFactored(factor, p, xty.AsSpan(k * p, p));
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
        if (_weights is null) throw new InvalidOperationException("Fit the model first.");
        var x = new double[2 * lookback + 1];
        Features(input, x);
        var result = new double[Math.Min(horizon, _weights.Length)];
        for (var k = 0; k < result.Length; k++)
        {
            double s = 0;
            var w = _weights[k];
            for (var i = 0; i < x.Length; i++) s += w[i] * x[i];
            result[k] = s;
        }
        return result;
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
    }

    private sealed record Saved(int Lookback, int Kernel, double[][] Weights);

    /// <summary>[seasonal; trend; 1] for a window: the decomposition DLinear applies before its two linear layers.</summary>
    internal void Features(ReadOnlySpan<double> window, double[] x)
    {
        var half = (kernel - 1) / 2;
        for (var i = 0; i < lookback; i++)
        {
            double sum = 0;
            for (var d = -half; d <= half; d++) sum += window[Math.Clamp(i + d, 0, lookback - 1)];
            var trend = sum / (2 * half + 1);
            x[i] = window[i] - trend;
            x[lookback + i] = trend;
        }
        x[2 * lookback] = 1;
    }
}
