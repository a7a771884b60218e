using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tandem.Server.Hosting;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The SDK's forecast routes answered by Tandem's own forecaster from stored history. The store holds 40 days
/// of one daily shape (lowest at 14:00, rising twice as fast after it) and then 5 days at 5,000 g/kWh: a forecast issued
/// on day 40 must show the daily shape, so it read nothing stored after its issue time. Rolling windows and optimal
/// points are worked by hand from the shape.</summary>
public sealed class CarbonAwareForecastTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Issue = T0.AddDays(40);
    private readonly string _db = TempSqlite.NewPath("forecast");
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private static double Shape(int hour) => hour <= 14 ? 100 + 10 * (14 - hour) : 100 + 20 * (hour - 14);

    public async ValueTask InitializeAsync()
    {
        var values = Enumerable.Range(0, 45 * 24).Select(i => i < 40 * 24 ? Shape(i % 24) : 5000).ToArray();
        using (var store = SqliteSignalStore.Open(_db))
            store.Import([new SignalSeries("Z", SignalKind.Carbon, new Series<double>(new TimeGrid(T0, TimeSpan.FromHours(1), values.Length), values))]);
        _app = TandemServer.Build(new ServeSettings(_db), new FakeClock(Issue), b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        TempSqlite.Delete(_db);
    }

    private static List<(DateTimeOffset Time, int Minutes, double Value)> Points(JsonElement forecast, string name) =>
        forecast.GetProperty(name).EnumerateArray()
            .Select(p => (p.GetProperty("timestamp").GetDateTimeOffset(), p.GetProperty("duration").GetInt32(), p.GetProperty("value").GetDouble())).ToList();

    [Fact]
    public async Task Current_ForecastsTheNextDay_FromTheHistoryBeforeNow()
    {
        var body = await _client.GetStringAsync("/emissions/forecasts/current?location=Z", TestContext.Current.CancellationToken);
        var forecast = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
        Assert.Equal(["dataEndAt", "dataStartAt", "forecastData", "generatedAt", "location", "optimalDataPoints", "requestedAt", "windowSize"],
            forecast.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var data = Points(forecast, "forecastData");
        Assert.Equal(24, data.Count);
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(Issue.AddHours(h), data[h].Time);
            Assert.Equal(60, data[h].Minutes);
            Assert.True(Math.Abs(data[h].Value - Shape(h)) < 1, $"hour {h}: {data[h].Value} against {Shape(h)}");
        }
        Assert.Equal(Issue.AddHours(14), Assert.Single(Points(forecast, "optimalDataPoints")).Time);
    }

    [Fact]
    public async Task RollingWindow_AveragesOverWindowSize_AndPicksTheLowest()
    {
        var url = "/emissions/forecasts/current?location=Z&dataStartAt=2023-02-10T10:00:00Z&dataEndAt=2023-02-10T18:00:00Z&windowSize=120";
        var forecast = JsonDocument.Parse(await _client.GetStringAsync(url, TestContext.Current.CancellationToken)).RootElement[0];
        var data = Points(forecast, "forecastData");
        // Windows of two hours from 10:00, an hour apart, ending by 18:00: 10-12, ..., 16-18.
        Assert.Equal(Enumerable.Range(10, 7).Select(h => Issue.AddHours(h)), data.Select(d => d.Time));
        Assert.All(data, d => Assert.Equal(120, d.Minutes));
        for (var k = 0; k < data.Count; k++)
            Assert.True(Math.Abs(data[k].Value - (Shape(10 + k) + Shape(11 + k)) / 2) < 1, $"window {k}: {data[k].Value}");
        // 13-15 averages 105, the lowest (14-16 is 110).
        Assert.Equal(Issue.AddHours(13), Assert.Single(Points(forecast, "optimalDataPoints")).Time);
        Assert.Equal(120, forecast.GetProperty("windowSize").GetInt32());
    }

    [Fact]
    public async Task Batch_ForecastsAsOfRequestedAt_NeverFromLaterData()
    {
        var request = new[] { new { location = "Z", requestedAt = Issue.AddDays(-1), windowSize = 60 } };
        using var response = await _client.PostAsJsonAsync("/emissions/forecasts/batch", request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forecast = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement[0];
        var data = Points(forecast, "forecastData");
        Assert.Equal(Issue.AddDays(-1), data[0].Time);
        Assert.All(data, d => Assert.True(Math.Abs(d.Value - Shape(d.Time.Hour)) < 1, $"{d.Time:O}: {d.Value}"));
        Assert.Equal(Issue.AddDays(-1), forecast.GetProperty("requestedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AStepStillRunningAtTheIssueTime_IsNotRead()
    {
        // Half an hour into the first 5,000 g/kWh hour: that hour has not ended, so the forecast starts at it and shows
        // the daily shape.
        await using var app = TandemServer.Build(new ServeSettings(_db), new FakeClock(Issue.AddMinutes(30)), b => b.WebHost.UseTestServer());
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();
        var forecast = JsonDocument.Parse(await client.GetStringAsync("/emissions/forecasts/current?location=Z", TestContext.Current.CancellationToken)).RootElement[0];
        var data = Points(forecast, "forecastData");
        Assert.Equal(Issue, data[0].Time);
        Assert.All(data, d => Assert.True(Math.Abs(d.Value - Shape(d.Time.Hour)) < 1, $"{d.Time:O}: {d.Value}"));
    }

    [Fact]
    public async Task AForecastAfterTheJump_DoesNotChangeOneAsOfBeforeIt()
    {
        // First a forecast issued five days into the 5,000 g/kWh stretch (its model is chosen on that history), then
        // one as of day 40: the second must still be the daily shape, whatever was asked before it.
        var late = new[] { new { location = "Z", requestedAt = Issue.AddDays(5) } };
        using (var first = await _client.PostAsJsonAsync("/emissions/forecasts/batch", late, TestContext.Current.CancellationToken))
        {
            var values = Points(JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement[0], "forecastData");
            Assert.All(values, d => Assert.True(Math.Abs(d.Value - 5000) < 1, $"{d.Time:O}: {d.Value}"));
        }
        var asOf = new[] { new { location = "Z", requestedAt = Issue.ToOffset(TimeSpan.FromHours(8)) } };
        using var second = await _client.PostAsJsonAsync("/emissions/forecasts/batch", asOf, TestContext.Current.CancellationToken);
        var data = Points(JsonDocument.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement[0], "forecastData");
        Assert.Equal(Issue, data[0].Time);
        Assert.All(data, d => Assert.True(Math.Abs(d.Value - Shape(d.Time.Hour)) < 1, $"{d.Time:O}: {d.Value}"));
    }

    [Theory]
    [InlineData("/emissions/forecasts/current", "location")]
    [InlineData("/emissions/forecasts/current?location=Z&windowSize=-5", "windowSize")]
    [InlineData("/emissions/forecasts/current?location=Z&dataStartAt=2023-03-01T00:00:00Z", "dataStartAt")]
    [InlineData("/emissions/forecasts/current?location=Z&dataStartAt=2023-02-10T02:00:00Z&dataEndAt=2023-03-01T00:00:00Z", "dataEndAt")]
    [InlineData("/emissions/forecasts/current?location=NOWHERE", "location")]
    public async Task BadForecastQueries_Are400_NamingTheParameter(string url, string field)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    [Fact]
    public async Task AverageBatch_AnswersEachItem_AndNamesTheBadOne()
    {
        var ok = new[] { new { location = "Z", startTime = T0.AddHours(13), endTime = T0.AddHours(15) } };
        using var good = await _client.PostAsJsonAsync("/emissions/average-carbon-intensity/batch", ok, TestContext.Current.CancellationToken);
        var item = JsonDocument.Parse(await good.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement[0];
        Assert.Equal((Shape(13) + Shape(14)) / 2, item.GetProperty("carbonIntensity").GetDouble(), 9);
        var bad = new object[] { ok[0], new { location = "Z", startTime = T0.AddHours(15) } };
        using var refused = await _client.PostAsJsonAsync("/emissions/average-carbon-intensity/batch", bad, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("[1].endTime", out _), errors.ToString());
    }
}
