using Tandem.Formats;
using Tandem.Forecasting;

namespace Tandem.Tests.Forecasting;

public class CovariateChoiceTests
{
    private static TimeSeriesTable Table(params string[] columns)
    {
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 3).Select(i => t0.AddHours(i)).ToArray();
        return new TimeSeriesTable("d.csv", times, [2, 3, 4], columns.ToDictionary(c => c, _ => new double[3]), null);
    }

    [Fact]
    public void Auto_TakesEveryForecastColumn_ButForecastsOfTheTargetItself()
    {
        // DACF's file: its own carbon forecast is its answer, not an input.
        var t = Table("carbon_intensity_g_per_kwh", "carbon_from_src_forecasts_g_per_kwh", "wind_forecast_kw", "solar_forecast_kw", "wind_kw");
        Assert.Equal(["wind_forecast_kw", "solar_forecast_kw"], CovariateChoice.Parse("auto").Choose(t, "carbon_intensity_g_per_kwh"));
        Assert.Empty(CovariateChoice.Parse("none").Choose(t, "carbon_intensity_g_per_kwh"));
        Assert.Equal(["wind_kw"], CovariateChoice.Parse(" wind_kw, ").Choose(t, "carbon_intensity_g_per_kwh"));
    }

    [Fact]
    public void NamedColumnsTheFileLacks_AreEachReported()
    {
        var t = Table("price_per_mwh", "load_forecast_kw");
        var e = Assert.Throws<DataFileException>(() => CovariateChoice.Parse("load_forecast_kw,wind,solar").Choose(t, "price_per_mwh"));
        Assert.Equal(["wind", "solar"], e.Problems.Select(p => p.Field));
        Assert.All(e.Problems, p => Assert.Equal("d.csv", p.File));
    }
}
