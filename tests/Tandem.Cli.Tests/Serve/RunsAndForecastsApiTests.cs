using System.Net;
using System.Text.Json;
using Tandem.Signals;
using Tandem.Simulation;
using Tandem.Storage.Keys;
using Tandem.Storage.Runs;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>GET /runs (the runs `tandem simulate` recorded in the same SQLite file) and GET /forecasts (a stored
/// signal forecast with intervals, from the history before the service's now only).</summary>
public sealed class RunsAndForecastsApiTests : IAsyncLifetime
{
    // The service's now: 43 days into the demo's CISO history file (2020-04-26 to 2020-06-08).
    private static readonly DateTimeOffset Now = new(2020, 6, 7, 0, 0, 0, TimeSpan.Zero);
    private TestService _service = null!;
    private string _read = null!;

    public async ValueTask InitializeAsync()
    {
        var db = TempSqlite.NewPath("runs-forecasts");
        using (var keys = ApiKeyStore.Open(db)) _read = keys.Add("viewer", ApiRole.Read, null, Now);
        using (var runs = await SqliteRunStore.OpenAsync(db, TestContext.Current.CancellationToken))
            await runs.SaveAsync(new RunRecord(0, Now, "demo", 168, 60, "/tmp/out",
                [new PolicySummary("run-now", 100, 80, 20, 0, 0, 50, null, 10, "CNY", 0.2, 10, 10, 0, 0, 0.5, 0, 1.5)]), TestContext.Current.CancellationToken);
        var file = Path.Combine(SharedData.RepoRoot(), "examples", "demo", "data", "dacf_CISO_direct_emissions_2020-04-26_to_06-08.csv.gz");
        using (var store = DbSignalStore.OpenFor(db)) store.Import(SignalImport.Series(file, "dacf", "CISO", "carbon_intensity_g_per_kwh", null, null, null));
        _service = await TestService.Start(db, new FakeClock(Now));
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private Task<(HttpStatusCode Status, JsonElement Body)> Get(string url, string? key = null) => _service.Get(url, key ?? _read);

    [Fact]
    public async Task Runs_ListWhatSimulateRecorded()
    {
        var (status, runs) = await Get("/runs");
        Assert.Equal(HttpStatusCode.OK, status);
        var run = Assert.Single(runs.EnumerateArray());
        Assert.Equal("demo", run.GetProperty("scenario").GetString());
        var id = run.GetProperty("id").GetInt64();
        Assert.Equal("run-now", (await Get($"/runs/{id}")).Body.GetProperty("policies")[0].GetProperty("policy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/runs/{id + 1}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/runs", "tdm_nope")).Status);
    }

    [Fact]
    public async Task AForecast_StartsAtTheLastWholeStep_WithIntervalsAroundIt()
    {
        var (status, f) = await Get("/forecasts?zone=CISO&kind=carbon&model=seasonal-naive&horizon_hours=24&level=0.9");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Now, f.GetProperty("issued_at").GetDateTimeOffset());
        Assert.True(f.GetProperty("calibrated").GetBoolean());
        var points = f.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(24, points.Count);
        Assert.Equal(Now, points[0].GetProperty("time").GetDateTimeOffset());
        // Seasonal naive repeats the last stored day: the first point is the value a day before it, read from the store.
        using (var store = DbSignalStore.OpenFor(_service.Database))
        {
            var dayBefore = store.Read("CISO", SignalKind.Carbon, new Interval(Now.AddDays(-1), Now.AddDays(-1).AddHours(1)))!;
            Assert.Equal(dayBefore.Values[0], points[0].GetProperty("forecast").GetDouble(), 9);
        }
        foreach (var p in points)
            Assert.True(p.GetProperty("lower").GetDouble() <= p.GetProperty("forecast").GetDouble() && p.GetProperty("forecast").GetDouble() <= p.GetProperty("upper").GetDouble());
        // A wider coverage gives intervals at least as wide.
        var (_, wide) = await Get("/forecasts?zone=CISO&kind=carbon&model=seasonal-naive&horizon_hours=24&level=0.95");
        var w90 = points.Sum(p => p.GetProperty("upper").GetDouble() - p.GetProperty("lower").GetDouble());
        var w95 = wide.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("upper").GetDouble() - p.GetProperty("lower").GetDouble());
        Assert.True(w95 >= w90, $"{w95} < {w90}");
    }

    [Theory]
    [InlineData("/forecasts?kind=carbon", "zone")]
    [InlineData("/forecasts?zone=CISO&kind=co2", "kind")]
    [InlineData("/forecasts?zone=CISO&model=prophet", "model")]
    [InlineData("/forecasts?zone=CISO&horizon_hours=0", "horizon_hours")]
    [InlineData("/forecasts?zone=CISO&level=0.97", "level")]
    public async Task ABadForecastRequest_Is400NamingTheField(string url, string field)
    {
        var (status, body) = await Get(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task AZoneWithNothingStored_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/forecasts?zone=PJM&kind=carbon")).Status);
    }
}
