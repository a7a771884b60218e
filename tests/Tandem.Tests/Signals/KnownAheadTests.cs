using Tandem.Forecasting;
using Tandem.Signals;
using Tandem.Time;

namespace Tandem.Tests.Signals;

/// <summary>Series published ahead of time (day-ahead forecasts): a view shows a value from the moment its day is
/// published and not a step earlier, and a learned forecaster handed them uses them.</summary>
public class KnownAheadTests
{
    private static readonly DateTimeOffset Day0 = new(2021, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private sealed class Source(KnownAhead series) : ISignalSource
    {
        public SignalSeries? Read(string zone, SignalKind kind, Interval range) => null;
        public IReadOnlyList<SignalCatalogEntry> Catalog() => [];
        public IReadOnlyList<KnownAhead> KnownAhead(string zone) => zone == "z" ? [series] : [];
    }

    /// <summary>Three days of hourly values 0, 1, 2, ... published 12 h before their UTC day: day 1 is published at
    /// 12:00 on day 0, day 2 at 12:00 on day 1. A view whose current step starts at 11:00 on day 1 sees days 0 and 1
    /// only; one step later (12:00) it also sees day 2.</summary>
    [Fact]
    public void View_ShowsAValueFromTheStepItsDayIsPublished()
    {
        var grid = new TimeGrid(Day0, Hour, 72);
        var source = new Source(new KnownAhead("f", new Series<double>(grid, Enumerable.Range(0, 72).Select(i => (double)i).ToArray()), TimeSpan.FromHours(12)));

        var at11 = new SignalView(source, Day0.AddHours(24 + 11) + Hour).KnownAhead("z", grid)["f"].Values;
        Assert.Equal(47.0, at11[47]);
        Assert.True(double.IsNaN(at11[48]));
        Assert.True(double.IsNaN(at11[71]));

        var at12 = new SignalView(source, Day0.AddHours(24 + 12) + Hour).KnownAhead("z", grid)["f"].Values;
        Assert.Equal(48.0, at12[48]);
        Assert.Equal(71.0, at12[71]);
        // Marked as a published forecast of carbon, the same values and their publication times come as one.
        var forecast = new Source(new KnownAhead("f", new Series<double>(grid, Enumerable.Range(0, 72).Select(i => (double)i).ToArray()), TimeSpan.FromHours(12), null, SignalKind.Carbon));
        var published = new SignalView(forecast, Day0.AddHours(24 + 11) + Hour).Published("z", SignalKind.Carbon, grid)!;
        Assert.Equal(47.0, published.Values[47]);
        Assert.True(double.IsNaN(published.Values[48]));
        Assert.Equal(Day0.AddHours(24 + 12), published.IssuedAt[48]);
        Assert.Equal(Day0.AddHours(12), published.IssuedAt[47]);
        Assert.Null(new SignalView(forecast, Day0.AddDays(1)).Published("z", SignalKind.Price, grid));
        Assert.Null(new SignalView(source, Day0.AddDays(1)).Published("z", SignalKind.Carbon, grid));
        // A grid reaching past the series: NaN there; another zone has none.
        Assert.True(double.IsNaN(new SignalView(source, Day0.AddDays(3)).KnownAhead("z", new TimeGrid(Day0, Hour, 80))["f"].Values[75]));
        Assert.Empty(new SignalView(source, Day0.AddDays(3)).KnownAhead("other", grid));
    }

    /// <summary>A target that is noise to its own history, and a series 5 above it published at midnight a day before
    /// its UTC day: at the issue (the last hour of day 30) tomorrow's 24 values are published and the day after's are
    /// not. LightGBM with the series forecasts tomorrow far better than without it, and, trained on the series as it
    /// was published at each training issue, the day after no worse than without it (trained on the whole series
    /// instead, it had learned to lean on values that are missing when it forecasts: MAE 53.9 against 23.7).</summary>
    [Fact]
    public void LearnedForecaster_UsesWhatIsPublished_AndDoesNotLeanOnWhatIsNot()
    {
        const int days = 30, perDay = 24, horizon = 2 * perDay;
        var rng = new Random(7);
        var all = Enumerable.Range(0, days * perDay + horizon).Select(_ => 200 + 100 * rng.NextDouble()).ToArray();
        var n = days * perDay;
        var history = new SignalSeries("z", SignalKind.Carbon, new Series<double>(new TimeGrid(Day0, Hour, n), all[..n]));
        var issuedAt = Enumerable.Range(0, all.Length).Select(i => Day0.AddDays(i / perDay - 1)).ToArray();
        var now = Day0.AddHours(n - 1);
        var published = new PublishedForecast(all.Select((v, i) => issuedAt[i] <= now ? v + 5 : double.NaN).ToArray(), issuedAt);
        Assert.True(double.IsFinite(published.Values[n + perDay - 1]) && double.IsNaN(published.Values[n + perDay]));

        (double Tomorrow, double After) Mae(IReadOnlyDictionary<string, PublishedForecast>? known)
        {
            var f = new ModelForecaster("lightgbm", _ => new LightGbmModel(trainDays: 365, threads: 1))
                .Forecast(new SignalKey(SignalKind.Carbon, "z"), history, horizon, perDay, known);
            return (Enumerable.Range(0, perDay).Average(k => Math.Abs(f[k] - all[n + k])), Enumerable.Range(perDay, perDay).Average(k => Math.Abs(f[k] - all[n + k])));
        }

        var with = Mae(new Dictionary<string, PublishedForecast> { ["carbon_forecast"] = published });
        var without = Mae(null);
        Assert.True(with.Tomorrow < 0.5 * without.Tomorrow, $"tomorrow: MAE with the published series {with.Tomorrow:0.0}, without {without.Tomorrow:0.0}");
        Assert.True(with.After < 1.25 * without.After, $"the day after: MAE with the published series {with.After:0.0}, without {without.After:0.0}");
    }
}
