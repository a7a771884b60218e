using Tandem.Formats;
using Tandem.Forecasting;
using Tandem.Tests.Testing;
using Tandem.Units;

namespace Tandem.Tests.Forecasting;

public class LearBenchmarkTests
{
    /// <summary>Our LEAR against the paper's own LEAR ensemble forecasts (epftoolbox), hour for hour, over the first
    /// four weeks of the NP test period: it must land near them and well ahead of the same hour yesterday.</summary>
    [Fact]
    public void Lear_OnNordPool_TracksThePublishedLearForecasts()
    {
        var data = new EpftoolboxFormat().Read(SharedData.File("electricity_prices/epftoolbox/datasets/NP.csv.gz"), new SignalReadOptions(TimeZoneInfo.Utc, Currency.Eur));
        var covariates = data.ColumnNames.Where(n => n != "price_per_mwh").ToDictionary(n => n, data.Column);
        var series = new ForecastSeries("price_per_mwh", data.Times.ToArray(), data.Column("price_per_mwh"), covariates);
        var published = new EpftoolboxFormat().Read(SharedData.File("electricity_prices/epftoolbox/Forecasts_NP_DNN_LEAR_ensembles.csv.gz"),
            new SignalReadOptions(TimeZoneInfo.Utc, Currency.Eur));
        var from = published.Times[0];
        var to = from.AddDays(28);
        var ours = Backtester.Run(series, LearModel.Ensemble(), 24, from, to, TimeSpan.FromDays(1), refitEvery: 7);
        var naive = Backtester.Run(series, new SeasonalNaiveModel(), 24, from, to, TimeSpan.FromDays(1));
        var paper = published.Column("lear_ensemble_price_per_mwh");
        var actual = published.Column("price_per_mwh");
        var paperMae = Enumerable.Range(0, 28 * 24).Average(i => Math.Abs(actual[i] - paper[i]));
        Assert.Equal(28 * 24, ours.Points.Count);
        Assert.Equal(actual.Take(28 * 24), ours.Points.Select(p => p.Actual));
        Assert.True(ours.Metrics.Mae < 1.15 * paperMae, $"our LEAR MAE {ours.Metrics.Mae:F3} vs the paper's {paperMae:F3} on the same hours");
        Assert.True(ours.Metrics.Mae < 0.8 * naive.Metrics.Mae, $"our LEAR MAE {ours.Metrics.Mae:F3} vs seasonal naive {naive.Metrics.Mae:F3}");
    }
}
