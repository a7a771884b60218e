namespace Tandem.Forecasting;

/// <summary>The mean of several models' forecasts (the epftoolbox benchmarks' ensembles are means too).</summary>
public sealed class EnsembleModel(string name, params IForecastModel[] members) : IForecastModel
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery)
    {
        foreach (var m in members) m.Fit(series, trainEnd, horizon, issueEvery);
    }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        var sum = new double[r.Horizon];
        foreach (var m in members)
        {
            var f = m.Predict(r);
            for (var k = 0; k < sum.Length; k++) sum[k] += f[k] / members.Length;
        }
        return sum;
    }
}
