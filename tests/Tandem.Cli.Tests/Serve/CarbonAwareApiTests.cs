using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tandem.Server.Hosting;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The Carbon Aware SDK (WebAPI v1.8) routes served from a real SQLite store, through the real ASP.NET Core
/// pipeline (in-process test server). Two zones hold four hourly values each; every expected answer is worked by hand
/// from them with the SDK's rules (CarbonAwareController, EmissionsHandler, IntervalHelper.FilterByDuration: a point
/// counts where its interval ends after `time` and starts no later than `toTime`; best: every point with the lowest
/// rating; average: time-weighted over the period). The same tests run on SQLite (<see cref="SqliteCarbonAwareApiTests"/>)
/// and PostgreSQL (<see cref="PostgresCarbonAwareApiTests"/>).</summary>
public abstract class CarbonAwareApiContract<TDatabase> : IAsyncLifetime where TDatabase : ITestDatabase, new()
{
    private static readonly DateTimeOffset T0 = new(2023, 5, 8, 0, 0, 0, TimeSpan.Zero);
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>This test's database.</summary>
    protected TDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var db = Database.Create();
        using (var store = DbSignalStore.OpenFor(db))
            store.Import([Carbon("A", 300, 200, 100, 400), Carbon("B", 250, 150, 350, 50)]);
        _app = TandemServer.Build(new ServeSettings(db), configure: b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        Database.Drop();
    }

    private static SignalSeries Carbon(string zone, params double[] values) =>
        new(zone, SignalKind.Carbon, new Series<double>(new TimeGrid(T0, TimeSpan.FromHours(1), values.Length), values));

    private async Task<JsonElement> Json(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static (string Location, string Time, double Rating) Point(JsonElement e)
    {
        // The SDK's EmissionsData shape, exactly these four properties.
        Assert.Equal(["duration", "location", "rating", "time"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("01:00:00", e.GetProperty("duration").GetString());
        return (e.GetProperty("location").GetString()!, e.GetProperty("time").GetString()!, e.GetProperty("rating").GetDouble());
    }

    [Fact]
    public async Task ByLocation_WithOnlyTime_ReturnsThePointCoveringIt()
    {
        var points = await Json("/emissions/bylocation?location=A&time=2023-05-08T01:30:00Z");
        Assert.Equal([("A", "2023-05-08T01:00:00+00:00", 200.0)], points.EnumerateArray().Select(Point));
    }

    [Fact]
    public async Task ByLocations_ReturnsEveryPointOverlappingTheRange_ForEachLocation()
    {
        var points = (await Json("/emissions/bylocations?location=A&location=B&time=2023-05-08T00:30:00Z&toTime=2023-05-08T02:00:00Z"))
            .EnumerateArray().Select(Point).ToList();
        // 00:00 ends after 00:30; 02:00 starts no later than 02:00 (inclusive); 03:00 does not.
        Assert.Equal([("A", "2023-05-08T00:00:00+00:00", 300.0), ("A", "2023-05-08T01:00:00+00:00", 200), ("A", "2023-05-08T02:00:00+00:00", 100),
            ("B", "2023-05-08T00:00:00+00:00", 250), ("B", "2023-05-08T01:00:00+00:00", 150), ("B", "2023-05-08T02:00:00+00:00", 350)], points);
    }

    [Fact]
    public async Task Best_IsTheLowestRatingAcrossLocations()
    {
        var best = (await Json("/emissions/bylocations/best?location=A&location=B&time=2023-05-08T00:00:00Z&toTime=2023-05-08T01:59:00Z"))
            .EnumerateArray().Select(Point).ToList();
        Assert.Equal([("B", "2023-05-08T01:00:00+00:00", 150.0)], best);
        var all = (await Json("/emissions/bylocations/best?location=A&location=B&time=2023-05-08T00:00:00Z&toTime=2023-05-08T03:00:00Z"))
            .EnumerateArray().Select(Point).ToList();
        Assert.Equal([("B", "2023-05-08T03:00:00+00:00", 50.0)], all);
    }

    [Fact]
    public async Task Average_WeighsEachPointByTheTimeItCovers()
    {
        var e = await Json("/emissions/average-carbon-intensity?location=A&startTime=2023-05-08T00:15:00Z&endTime=2023-05-08T02:00:00Z");
        // (0.75 h × 300 + 1 h × 200) / 1.75 h; an unweighted mean of the two points would be 250.
        Assert.Equal((0.75 * 300 + 200) / 1.75, e.GetProperty("carbonIntensity").GetDouble(), 9);
        Assert.Equal("2023-05-08T02:00:00+00:00", e.GetProperty("endTime").GetString());
    }

    [Fact]
    public async Task Average_IsTimeWeighted()
    {
        var e = await Json("/emissions/average-carbon-intensity?location=A&startTime=2023-05-08T00:30:00Z&endTime=2023-05-08T02:30:00Z");
        Assert.Equal(["carbonIntensity", "endTime", "location", "startTime"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // (0.5 h × 300 + 1 h × 200 + 0.5 h × 100) / 2 h
        Assert.Equal(200.0, e.GetProperty("carbonIntensity").GetDouble(), 9);
        Assert.Equal("A", e.GetProperty("location").GetString());
        Assert.Equal("2023-05-08T00:30:00+00:00", e.GetProperty("startTime").GetString());
    }

    [Theory]
    [InlineData("/emissions/bylocation?time=2023-05-08T00:00:00Z", "location")]
    [InlineData("/emissions/bylocations?location=A&time=yesterday", "time")]
    [InlineData("/emissions/bylocations?location=A&toTime=2023-05-08T00:00:00Z", "time")]
    [InlineData("/emissions/bylocations/best?location=A&time=2023-05-08T02:00:00Z&toTime=2023-05-08T01:00:00Z", "toTime")]
    [InlineData("/emissions/bylocations?location=A&time=2023-05-08T02:00:00Z&toTime=2023-05-08T02:00:00Z", "toTime")]
    [InlineData("/emissions/average-carbon-intensity?location=A&endTime=2023-05-08T02:00:00Z", "startTime")]
    [InlineData("/emissions/average-carbon-intensity?location=A&startTime=2023-05-08T02:00:00Z&endTime=2023-05-08T02:00:00Z", "endTime")]
    [InlineData("/emissions/average-carbon-intensity?location=A&startTime=2023-05-08T02:00:00Z&endTime=2023-05-08T09:00:00Z", "location")]
    public async Task BadInput_Is400ProblemDetails_NamingTheParameter(string url, string field)
    {
        var problem = await Json(url, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task NoData_Is204_AsInTheSdk()
    {
        await Json("/emissions/bylocation?location=NOWHERE&time=2023-05-08T01:00:00Z", HttpStatusCode.NoContent);
        await Json("/emissions/bylocation?location=A&time=2024-01-01T00:00:00Z", HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsEveryRoute_WithItsQueryParameters()
    {
        var doc = await Json("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var route in new[] { "/emissions/bylocation", "/emissions/bylocations", "/emissions/bylocations/best", "/emissions/average-carbon-intensity",
                     "/emissions/average-carbon-intensity/batch", "/emissions/forecasts/current", "/emissions/forecasts/batch", "/locations" })
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is not in the OpenAPI document");
        var names = paths.GetProperty("/emissions/bylocations").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["location", "time", "toTime"], names.Order(StringComparer.Ordinal));
        // The fleet's writes document their bodies.
        var register = paths.GetProperty("/fleet/sites").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("SiteBody", register.GetProperty("$ref").GetString());
        Assert.True(paths.GetProperty("/fleet/sites/{site}/pools/{pool}").GetProperty("put").TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task Locations_ListTheStoredZones_AndHealthAnswers()
    {
        var locations = await Json("/locations");
        Assert.Equal(["A", "B"], locations.EnumerateObject().Select(p => p.Name));
        Assert.Equal("B", locations.GetProperty("B").GetProperty("name").GetString());
        foreach (var url in new[] { "/health", "/health/ready" })
            Assert.Equal("Healthy", await _client.GetStringAsync(url, TestContext.Current.CancellationToken));
    }
}

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteCarbonAwareApiTests : CarbonAwareApiContract<SqliteTestDatabase>;

/// <summary>The contract on PostgreSQL.</summary>
public sealed class PostgresCarbonAwareApiTests : CarbonAwareApiContract<PostgresTestDatabase>;
