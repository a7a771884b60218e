using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class LassoTests
{
    /// <summary>Standardised columns, their Gram matrix XᵀX/n and Xᵀy/n for a centred y.</summary>
    private static (double[] Gram, double[] Xy, double Yy) Moments(double[][] x, double[] y)
    {
        var n = x.Length;
        var p = x[0].Length;
        var mean = Enumerable.Range(0, p).Select(j => x.Average(r => r[j])).ToArray();
        var sd = Enumerable.Range(0, p).Select(j => Math.Sqrt(x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])))).ToArray();
        var z = x.Select(r => r.Select((v, j) => (v - mean[j]) / sd[j]).ToArray()).ToArray();
        var ybar = y.Average();
        var yc = y.Select(v => v - ybar).ToArray();
        var gram = new double[p * p];
        var xy = new double[p];
        for (var i = 0; i < n; i++)
            for (var a = 0; a < p; a++)
            {
                xy[a] += z[i][a] * yc[i] / n;
                for (var b = 0; b < p; b++) gram[a * p + b] += z[i][a] * z[i][b] / n;
            }
        return (gram, xy, yc.Sum(v => v * v) / n);
    }

    [Fact]
    public void OnOrthonormalColumns_TheRefitIsTheSoftThresholdedLeastSquaresFit()
    {
        // With XᵀX/n = I the LASSO at penalty α is w = sign(c)·max(|c| − α, 0), c = Xᵀy/n: worked by hand.
        var p = 4;
        var gram = new double[p * p];
        for (var j = 0; j < p; j++) gram[j * p + j] = 1;
        double[] xy = [0.9, -0.5, 0.05, 0.3];
        // The AIC path keeps every coefficient with a large enough correlation; refitting at a tiny penalty then leaves
        // each at its least-squares value shrunk by that penalty.
        var w = Lasso.FitAic(gram, p, xy, yy: 1.3, n: 1000, refitFactor: 1e-9);
        for (var j = 0; j < p; j++) Assert.Equal(xy[j], w[j], 6);
    }

    [Fact]
    public void OnCorrelatedColumns_TheSolutionMeetsTheOptimalityConditions()
    {
        // KKT for ½‖y − Zw‖²/n + α‖w‖₁: rⱼ = (Xᵀy/n − Gw)ⱼ equals α·sign(wⱼ) where wⱼ ≠ 0 and |rⱼ| ≤ α elsewhere.
        var rng = new Random(3);
        var n = 300;
        var p = 30;
        var latent = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var x = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, p).Select(j => latent[i] + 0.3 * rng.NextDouble() + (j % 3) * rng.NextDouble()).ToArray()).ToArray();
        var y = x.Select(r => 2 * r[0] - r[5] + 0.5 * r[9] + 0.2 * rng.NextDouble()).ToArray();
        var (gram, xy, yy) = Moments(x, y);
        var top = xy.Max(Math.Abs);
        foreach (var factor in new[] { 0.1, 0.02, 0.005 })
        {
            var alpha = top * factor;
            var w = Lasso.Solve(gram, p, xy, alpha);
            for (var j = 0; j < p; j++)
            {
                double gw = 0;
                for (var l = 0; l < p; l++) gw += gram[j * p + l] * w[l];
                var r = xy[j] - gw;
                // Within what the solver's stopping rule (no coefficient moves by 1e-4 in a sweep) leaves.
                if (w[j] != 0) Assert.True(Math.Abs(r - alpha * Math.Sign(w[j])) < 5e-4, $"active {j}: r {r} vs α·sign {alpha * Math.Sign(w[j])}");
                else Assert.True(Math.Abs(r) <= alpha + 5e-4, $"inactive {j}: |r| {Math.Abs(r)} > α {alpha}");
            }
        }
    }

    [Fact]
    public void Aic_FindsTheTrueFeatures_AmongManyNoiseColumns()
    {
        var rng = new Random(11);
        var n = 400;
        var p = 40;
        var x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, p).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        var y = x.Select(r => 3 * r[2] - 2 * r[17] + 1.5 * r[33] + 0.05 * rng.NextDouble()).ToArray();
        var (gram, xy, yy) = Moments(x, y);
        var w = Lasso.FitAic(gram, p, xy, yy, n);
        var chosen = Enumerable.Range(0, p).Where(j => Math.Abs(w[j]) > 0.02).ToArray();
        Assert.Equal([2, 17, 33], chosen);
    }

    [Fact]
    public void Lear_ForecastsASeriesThatRepeatsYesterday_WithinAFractionOfItsSwing()
    {
        // y(d, h) = y(d−1, h): yesterday's profile explains today's fully; the refit's small penalty shrinks only a little.
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var n = 120 * 24;
        var times = Enumerable.Range(0, n).Select(i => t0.AddHours(i)).ToArray();
        var rng = new Random(2);
        var level = Enumerable.Range(0, n / 24).Select(_ => rng.NextDouble() * 20).ToArray();
        var values = Enumerable.Range(0, n).Select(i => 40 + level[i / 24] + 25 * Math.Sin(2 * Math.PI * (i % 24) / 24)).ToArray();
        // Each day repeats the one before it except for a random level shift, announced a day ahead by a covariate.
        var announced = Enumerable.Range(0, n).Select(i => level[i / 24]).ToArray();
        var s = new ForecastSeries("price_per_mwh", times, values, new Dictionary<string, double[]> { ["level"] = announced });
        var m = new LearModel(trainDays: 100);
        m.Fit(s, 110 * 24, 24, 24);
        var f = m.Predict(new ForecastRequest(s, 110 * 24, 24));
        var naive = Enumerable.Range(0, 24).Average(k => Math.Abs(values[109 * 24 + k] - values[110 * 24 + k]));
        var error = Enumerable.Range(0, 24).Average(k => Math.Abs(f[k] - values[110 * 24 + k]));
        Assert.True(error < 1.0, $"mean absolute error {error:F3} (same hour yesterday: {naive:F3})");
    }
}

public class LearSaveTests
{
    [Fact]
    public void ASavedLearModel_LoadsAndForecastsTheSame()
    {
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var n = 80 * 24;
        var rng = new Random(4);
        var times = Enumerable.Range(0, n).Select(i => t0.AddHours(i)).ToArray();
        var load = Enumerable.Range(0, n).Select(i => 1000 + 300 * Math.Sin(2 * Math.PI * (i % 24) / 24) + 50 * rng.NextDouble()).ToArray();
        var values = load.Select(l => 0.04 * l + 5 * rng.NextDouble()).ToArray();
        var s = new ForecastSeries("price_per_mwh", times, values, new Dictionary<string, double[]> { ["load_forecast_kw"] = load });
        var a = new LearModel(56);
        a.Fit(s, 70 * 24, 24, 24);
        using var dir = new Tandem.Tests.Testing.TempFolder();
        var path = Path.Combine(dir.Path, "lear.json");
        a.Save(path);
        var b = new LearModel(56);
        b.Load(path);
        var r = new ForecastRequest(s, 75 * 24, 24);
        Assert.Equal(a.Predict(r), b.Predict(new ForecastRequest(s, 75 * 24, 24)));
        Assert.Throws<InvalidDataException>(() => new LearModel(84).Load(path));
    }
}

public class LearRangeTests
{
    [Fact]
    public void AnUnseenCovariateValue_CannotPushTheForecastFarPastWhatTrainingSaw()
    {
        // Price follows an announced load; at the forecast the announcement is a thousand times anything seen.
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var n = 80 * 24;
        var rng = new Random(8);
        var times = Enumerable.Range(0, n).Select(i => t0.AddHours(i)).ToArray();
        var load = Enumerable.Range(0, n).Select(_ => 1000 + 500 * rng.NextDouble()).ToArray();
        var values = load.Select(l => 0.05 * l).ToArray();
        for (var i = 75 * 24; i < 76 * 24; i++) load[i] = 1.5e6;
        var s = new ForecastSeries("price_per_mwh", times, values, new Dictionary<string, double[]> { ["load_forecast_kw"] = load });
        var m = new LearModel(56);
        m.Fit(s, 70 * 24, 24, 24);
        var f = m.Predict(new ForecastRequest(s, 75 * 24, 24));
        var (lo, hi) = (values[..(70 * 24)].Min(), values[..(70 * 24)].Max());
        // Within the range seen, widened by a tenth of it in the transformed (asinh) space: far less than twice the span.
        Assert.All(f, v => Assert.InRange(v, lo - 2 * (hi - lo), hi + 2 * (hi - lo)));
    }
}
