using System.Net;
using System.Text.Json;
using Tandem.Server.CarbonAware;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>Cloud regions and latitude/longitude mapped to stored grid zones on the Carbon Aware routes: a region name
/// maps to the zone its data centre draws from (the first of its zones that is stored), a position to the nearest
/// known place within 500 km; answers carry the name asked for. The store holds US-MIDA-PJM and DE-LU (not DE, the
/// later id of the same zone, which maps to it).</summary>
public sealed class LocationMappingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2023, 5, 8, 0, 0, 0, TimeSpan.Zero);
    private TestService _service = null!;

    public async ValueTask InitializeAsync()
    {
        var db = TempSqlite.NewPath("locations");
        using (var store = DbSignalStore.OpenFor(db))
            store.Import([Carbon("US-MIDA-PJM", 400, 380), Carbon("DE-LU", 300, 310)]);
        _service = await TestService.Start(db);
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private static SignalSeries Carbon(string zone, params double[] values) =>
        new(zone, SignalKind.Carbon, new Series<double>(new TimeGrid(T0, TimeSpan.FromHours(1), values.Length), values));

    private Task<(HttpStatusCode Status, JsonElement Body)> Get(string url) => _service.Get(url);

    [Theory]
    [InlineData("us-east-1", 400)]
    [InlineData("eastus", 400)]
    [InlineData("us-east4", 400)]
    [InlineData("US-MIDA-PJM", 400)]
    [InlineData("39.0,-77.4", 400)]
    [InlineData("eu-central-1", 300)]
    [InlineData("germanywestcentral", 300)]
    [InlineData("50.0,8.5", 300)]
    [InlineData("DE", 300)]       // Electricity Maps' DE-LU, under its later id
    public async Task ALocation_IsAnsweredFromItsZone_UnderTheNameAsked(string location, double rating)
    {
        var (status, body) = await Get($"/emissions/bylocation?location={location}&time=2023-05-08T00:30:00Z");
        Assert.Equal(HttpStatusCode.OK, status);
        var point = Assert.Single(body.EnumerateArray());
        Assert.Equal(location, point.GetProperty("location").GetString());
        Assert.Equal(rating, point.GetProperty("rating").GetDouble());
    }

    [Theory]
    [InlineData("westus")]        // a region whose zone (US-CAL-CISO) is not stored
    [InlineData("0,0")]           // no known place within 500 km
    [InlineData("48.86,2.35")]    // Paris: France's place is nearest, and FR is not stored (Frankfurt, 478 km, is not used)
    [InlineData("95,10")]         // not a latitude
    [InlineData("FR")]            // a zone not stored
    public async Task ALocationWithNoStoredZone_HasNoData(string location) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Get($"/emissions/bylocation?location={location}&time=2023-05-08T00:30:00Z")).Status);

    [Fact]
    public async Task Locations_ListTheStoredZones_WithPositions_AndTheRegionsThatMapToThem()
    {
        var (_, body) = await Get("/locations");
        Assert.Equal(40.0, body.GetProperty("US-MIDA-PJM").GetProperty("latitude").GetDouble());
        Assert.Equal(39.04, body.GetProperty("us-east-1").GetProperty("latitude").GetDouble());
        Assert.Contains("US-MIDA-PJM", body.GetProperty("us-east-1").GetProperty("name").GetString());
        Assert.Contains("DE-LU", body.GetProperty("eu-central-1").GetProperty("name").GetString());
        Assert.False(body.TryGetProperty("westus", out _));
    }

    [Fact]
    public void Distance_IsTheGreatCircle()
    {
        // One degree of longitude on the equator: 2π × 6,371 km / 360 = 111.195 km; pole to pole, π × 6,371 km.
        Assert.Equal(111.195, LocationResolver.Km((0, 0), (0, 1)), 3);
        Assert.Equal(Math.PI * 6371, LocationResolver.Km((90, 0), (-90, 0)), 6);
    }
}
