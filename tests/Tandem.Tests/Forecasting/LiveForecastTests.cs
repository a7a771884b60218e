using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class LiveForecastTests
{
    private static ForecastSeries Daily(int days)
    {
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var n = days * 24;
        var times = Enumerable.Range(0, n).Select(i => t0.AddHours(i)).ToArray();
        var values = Enumerable.Range(0, n).Select(i => (double)(i % 24) + (i / 24 % 3)).ToArray();
        return new ForecastSeries("x_kw", times, values, new Dictionary<string, double[]>());
    }

    [Fact]
    public void Issue_ForecastsTheStepsAfterTheEnd_WithCalibratedIntervals()
    {
        var s = Daily(60);
        var f = LiveForecast.Issue(s, new SeasonalNaiveModel(), 30, 0.9);
        Assert.True(f.IntervalCalibrated);
        Assert.Equal(s.Times[^1] + s.Step, f.IssuedAt);
        Assert.Equal(30, f.Points.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(k => f.IssuedAt + s.Step * k), f.Points.Select(p => p.Target));
        // Seasonal naive repeats the last known day; its errors over the four weeks before the end set the interval.
        Assert.Equal(s.Values[^24..].Concat(s.Values[^24..^18]), f.Points.Select(p => p.Forecast));
        Assert.All(f.Points, p => Assert.True(double.IsNaN(p.Actual) && p.Lower < p.Forecast && p.Forecast < p.Upper));
    }

    [Fact]
    public void Issue_OnTooShortAHistory_LeavesTheIntervalOpen()
    {
        var f = LiveForecast.Issue(Daily(30), new SeasonalNaiveModel(), 24, 0.9);
        Assert.False(f.IntervalCalibrated);
        Assert.All(f.Points, p => Assert.True(double.IsInfinity(p.Lower) && double.IsInfinity(p.Upper)));
    }

    [Fact]
    public void AModelWithTooLittleData_SaysWhichAndWhy()
    {
        var s = Daily(10);
        var lgb = Assert.Throws<ForecastModelException>(() => new LightGbmModel(trainDays: 30, iterations: 5).Fit(s, 9 * 24, 24, 24));
        Assert.Equal("lightgbm", lgb.Model);
        Assert.Contains("only 24 training rows", lgb.Message, StringComparison.Ordinal);
        var lear = Assert.Throws<ForecastModelException>(() => new LearModel(56).Fit(s, 10 * 24, 24, 24));
        Assert.Equal("lear-56", lear.Model);
        var dlinear = Assert.Throws<ForecastModelException>(() => LiveForecast.Issue(s, new DLinearModel(), 24, 0.9));
        Assert.Contains("only 0 complete training windows", dlinear.Message, StringComparison.Ordinal);
    }
}
