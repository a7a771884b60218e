namespace Tandem.Forecasting;

/// <summary>The long-horizon forecasting protocol of Informer, Autoformer, DLinear and PatchTST on the ETT data sets:
/// 12/4/4 months for train/validation/test (ETTh rows [0, 8640), [8640 − L, 11520), [11520 − L, 14400)), every channel
/// z-scored with the training mean and deviation, windows of L inputs and H outputs sliding by one step, and MSE and MAE
/// over all channels, windows and leads of the test set on the normalised values. Multivariate: one model shared by all
/// channels (channel-independent, as DLinear's default).</summary>
public static class EttBenchmark
{
    /// <summary>Test MSE and MAE of a DLinear model on <paramref name="channels"/> (raw values, in file order).</summary>
    public static (double Mse, double Mae, int Windows) Run(IReadOnlyList<double[]> channels, int horizon, int lookback = 336,
        int trainEnd = 8640, int testEnd = 14400, int trainStride = 1)
    {
        var normalised = channels.Select(c =>
        {
            var mean = c.Take(trainEnd).Average();
            var sd = Math.Sqrt(c.Take(trainEnd).Select(v => (v - mean) * (v - mean)).Sum() / trainEnd);
            return c.Take(testEnd).Select(v => (v - mean) / sd).ToArray();
        }).ToArray();
        var model = new DLinearModel(lookback);
        model.FitWindows(normalised.Select(c => (ReadOnlyMemory<double>)c.AsMemory(0, trainEnd)).ToArray(), horizon, trainStride);
        double se = 0, ae = 0;
        long n = 0;
        var windows = 0;
        var testStart = 11520 - lookback;
        foreach (var c in normalised)
        {
            for (var s = testStart; s + lookback + horizon <= testEnd; s++)
            {
                var f = model.Predict(c.AsSpan(s, lookback), horizon);
                for (var k = 0; k < horizon; k++)
                {
                    var e = f[k] - c[s + lookback + k];
                    se += e * e;
                    ae += Math.Abs(e);
                    n++;
                }
                windows++;
            }
        }
        return (se / n, ae / n, windows);
    }
}
