using Tandem.Formats;
using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class ForecastSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromTable_TakesTheTargetAndTheChosenCovariates()
    {
        var times = Enumerable.Range(0, 4).Select(i => T0.AddHours(i)).ToArray();
        var table = new TimeSeriesTable("d.csv", times, [2, 3, 4, 5],
            new() { ["price_per_mwh"] = [1, 2, 3, 4], ["load_forecast_kw"] = [5, 6, 7, 8], ["load_kw"] = [0, 0, 0, 0] }, null);
        var s = ForecastSeries.FromTable(table, "price_per_mwh", CovariateChoice.Auto);
        Assert.Equal([1.0, 2, 3, 4], s.Values);
        Assert.Equal(["load_forecast_kw"], s.Covariates.Keys);
        Assert.Equal(TimeSpan.FromHours(1), s.Step);
    }

    [Fact]
    public void FromTable_ReportsEveryProblemAtOnce_WithFileColumnAndLine()
    {
        // A gap after the second row and a repeat after the fourth; the target and a covariate are not columns.
        var times = new[] { T0, T0.AddHours(1), T0.AddHours(3), T0.AddHours(4), T0.AddHours(4) };
        var table = new TimeSeriesTable("d.csv", times, [2, 3, 4, 5, 6], new() { ["price_per_mwh"] = new double[5] }, null);
        var e = Assert.Throws<DataFileException>(() => ForecastSeries.FromTable(table, "nope", CovariateChoice.Parse("wind")));
        Assert.Equal([("nope", 0), ("wind", 0), ("", 4), ("", 6)], e.Problems.Select(p => (p.Field, p.Line)));
        Assert.All(e.Problems, p => Assert.Equal("d.csv", p.File));
        Assert.Contains("120 minutes after the one before; the series steps by 60", e.Problems[2].Message, StringComparison.Ordinal);
    }
}
