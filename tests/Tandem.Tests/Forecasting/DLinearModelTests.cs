using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class DLinearModelTests
{
    /// <summary>The model builds its normal equations from lagged products of the series; the straightforward way,
    /// feature vector by feature vector over every window, must give the same forecasts.</summary>
    [Fact]
    public void Fit_EqualsTheNormalEquationsSummedWindowByWindow()
    {
        const int lookback = 24, kernel = 5, horizon = 6;
        const double ridge = 1e-3;
        var rng = new Random(4);
        var channels = Enumerable.Range(0, 2).Select(c => Enumerable.Range(0, 400)
            .Select(i => Math.Sin(i * 0.26 + c) + 0.3 * rng.NextDouble() + (c == 1 ? 0.01 * i : 0)).ToArray()).ToArray();
        channels[1][200] = double.NaN; // every window through it is left out

        var model = new DLinearModel(lookback, kernel, ridge);
        model.FitWindows(channels.Select(c => (ReadOnlyMemory<double>)c).ToArray(), horizon);

        var p = 2 * lookback + 1;
        var a = new double[p * p];
        var b = new double[horizon * p];
        foreach (var v in channels)
            for (var s = 0; s + lookback + horizon <= v.Length; s++)
            {
                if (v.AsSpan(s, lookback + horizon).ToArray().Any(double.IsNaN)) continue;
                var x = Features(v.AsSpan(s, lookback), kernel);
                for (var i = 0; i < p; i++)
                {
                    for (var j = 0; j < p; j++) a[i * p + j] += x[i] * x[j];
                    for (var k = 0; k < horizon; k++) b[k * p + i] += x[i] * v[s + lookback + k];
                }
            }
        for (var i = 0; i < p; i++) a[i * p + i] += ridge * Math.Max(1, a[i * p + i]);
        var weights = Enumerable.Range(0, horizon).Select(k => Ridge.Solve(a, p, b.AsSpan(k * p, p))).ToArray();

        foreach (var start in new[] { 0, 150, 360 })
        {
            var window = channels[0].AsSpan(start, lookback);
            var x = Features(window, kernel);
            var expected = weights.Select(w => w.Zip(x, (wi, xi) => wi * xi).Sum()).ToArray();
            var actual = model.Predict(window, horizon);
            for (var k = 0; k < horizon; k++) Assert.Equal(expected[k], actual[k], 1e-8);
        }
    }

    /// <summary>[seasonal; trend; 1]: the trend a moving average with the window's edges repeated (DLinear's
    /// series_decomp), the seasonal part the rest.</summary>
    private static double[] Features(ReadOnlySpan<double> w, int kernel)
    {
        var l = w.Length;
        var half = (kernel - 1) / 2;
        var x = new double[2 * l + 1];
        for (var i = 0; i < l; i++)
        {
            double sum = 0;
            for (var d = -half; d <= half; d++) sum += w[Math.Clamp(i + d, 0, l - 1)];
            x[l + i] = sum / kernel;
            x[i] = w[i] - x[l + i];
        }
        x[2 * l] = 1;
        return x;
    }
}
