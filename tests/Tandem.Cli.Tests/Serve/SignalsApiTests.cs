using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tandem.Server.Hosting;
using Tandem.Server.Security;
using Tandem.Storage.Keys;
using Tandem.Storage.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>API keys and the signals API through the real pipeline on a real database: 401 without a known key, 403
/// for the wrong role, admin everywhere; a posted series is stored whole or not at all, with the bad field named. The
/// same tests run on SQLite and PostgreSQL.</summary>
public abstract class SignalsApiContract<TDatabase> : IAsyncLifetime where TDatabase : ITestDatabase, new()
{
    private WebApplication _app = null!;
    private string _db = null!;
    protected HttpClient Client { get; private set; } = null!;
    protected string Admin { get; private set; } = null!;
    protected string Grid { get; private set; } = null!;
    protected string Read { get; private set; } = null!;
    protected string Tenant { get; private set; } = null!;

    /// <summary>This test's database.</summary>
    protected TDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _db = Database.Create();
        using (var keys = ApiKeyStore.Open(_db))
        {
            var now = DateTimeOffset.UtcNow;
            Admin = keys.Add("ops", ApiRole.Admin, null, now);
            Grid = keys.Add("tso", ApiRole.Grid, null, now);
            Read = keys.Add("viewer", ApiRole.Read, null, now);
            Tenant = keys.Add("team-a", ApiRole.Tenant, "a", now);
        }
        _app = TandemServer.Build(new ServeSettings(_db), configure: b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Database.Drop();
    }

    private static readonly object Series = new { zone = "DE", kind = "carbon", start = "2023-06-01T00:00:00Z", step_minutes = 60, values = new double?[] { 300, null, 250 } };

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null) request.Headers.Add(ApiKeyAuth.Header, key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Writes_NeedAGridOrAdminKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/signals", null, Series)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/signals", "tdm_not-a-key", Series)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/signals", Read, Series)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/signals", Tenant, Series)).StatusCode);
        // Nothing was stored by the refused writes.
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, "/signals?zone=DE&kind=carbon", Read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/signals", Grid, Series)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/signals", Admin, Series)).StatusCode);
        // The key is checked before the body is read: a body that is not JSON still gets 401 without a key.
        using var garbage = new HttpRequestMessage(HttpMethod.Post, "/signals") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(garbage, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/signals?zone=DE&kind=carbon")]
    [InlineData("/signals/latest?zone=DE&kind=carbon")]
    public async Task Reads_NeedAReadGridOrAdminKey(string url)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, url, Tenant)).StatusCode);
        foreach (var key in new[] { Read, Grid, Admin }) Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, url, key)).StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Upload(string query, byte[] file, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signals/import" + query) { Content = new ByteArrayContent(file) };
        request.Headers.Add(ApiKeyAuth.Header, key ?? Grid);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static readonly string DacfPjm = Path.Combine(Tandem.Tests.Testing.SharedData.RepoRoot(), "examples", "demo", "data", "dacf_PJM_direct_emissions_2020-06-01_to_08.csv");

    [Fact]
    public async Task AFileInAnyFormat_IsStoredFromTheBody_AsTheCommandLineStoresIt()
    {
        var bytes = await File.ReadAllBytesAsync(DacfPjm, TestContext.Current.CancellationToken);
        // Gzipped, as such files are usually kept; the reader knows gzip by its magic number.
        using var gz = new MemoryStream();
        await using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) await z.WriteAsync(bytes, TestContext.Current.CancellationToken);
        var (status, body) = await Upload("?format=dacf&zone=PJM&column=carbon_intensity_g_per_kwh", gz.ToArray());
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = Assert.Single(body.EnumerateArray());
        // The file's rows, read here as text: "index,UTC time,carbon_intensity,...", hourly.
        var rows = File.ReadAllLines(DacfPjm).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal("carbon", stored.GetProperty("kind").GetString());
        Assert.Equal(rows.Length, stored.GetProperty("stored").GetInt32());
        var first = DateTimeOffset.Parse(rows[0][1] + "Z", System.Globalization.CultureInfo.InvariantCulture);
        var read = JsonDocument.Parse(await (await Send(HttpMethod.Get, $"/signals?zone=PJM&kind=carbon&from={first:yyyy-MM-ddTHH:mm:ssZ}&to={first.AddHours(3):yyyy-MM-ddTHH:mm:ssZ}", Read)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(rows[..3].Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)),
            read.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task AGzipBodyCutShort_OrExpandingPastTheCap_Is400_AndStoresNothing()
    {
        var bytes = await File.ReadAllBytesAsync(DacfPjm, TestContext.Current.CancellationToken);
        using var gz = new MemoryStream();
        await using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) await z.WriteAsync(bytes, TestContext.Current.CancellationToken);
        var cut = gz.ToArray()[..^200];
        var (status, body) = await Upload("?format=dacf&zone=PJM", cut);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("body", out _), body.ToString());
        // 65 MiB of zeros compress to a few tens of KiB: under the request limit, over the 64 MiB inflated cap.
        using var bomb = new MemoryStream();
        await using (var z = new System.IO.Compression.GZipStream(bomb, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 65; i++) await z.WriteAsync(zeros, TestContext.Current.CancellationToken);
        }
        (status, body) = await Upload("?format=dacf&zone=PJM", bomb.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("64 MiB", body.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, "/signals?zone=PJM&kind=carbon", Read)).StatusCode);
    }

    [Theory]
    [InlineData("?zone=PJM", "format")]
    [InlineData("?format=nope&zone=PJM", "format")]
    [InlineData("?format=dacf", "zone")]
    [InlineData("?format=dacf&zone=PJM&column=nope_kw&kind=generation", "column")]
    [InlineData("?format=dacf&zone=PJM&kind=nope", "kind")]
    [InlineData("?format=watttime&zone=PJM&time_zone=Mars/Olympus", "time_zone")]
    [InlineData("?format=electricitymaps", "body")]
    public async Task ABadImport_Is400NamingTheField_AndStoresNothing(string query, string field)
    {
        var (status, body) = await Upload(query, await File.ReadAllBytesAsync(DacfPjm, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, "/signals?zone=PJM&kind=carbon", Read)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Upload("?format=dacf&zone=PJM", [1, 2], Read)).Status);
    }

    [Fact]
    public async Task APostedSeries_ReadsBack_WithItsGap_AndItsLatestValue()
    {
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/signals") { Content = JsonContent.Create(Series) };
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("bearer", Grid);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(bearer, TestContext.Current.CancellationToken)).StatusCode);
        var read = JsonDocument.Parse(await (await Send(HttpMethod.Get, "/signals?zone=DE&kind=carbon&from=2023-06-01T00:00:00Z&to=2023-06-02T00:00:00Z", Read)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(Tandem.Signals.SignalKinds.Unit(Tandem.Signals.SignalKind.Carbon), read.GetProperty("unit").GetString());
        Assert.Equal("carbon", read.GetProperty("kind").GetString());
        Assert.Equal(60, read.GetProperty("step_minutes").GetInt32());
        Assert.Equal([300.0, null, 250.0], read.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()));
        var latest = JsonDocument.Parse(await (await Send(HttpMethod.Get, "/signals/latest?zone=DE&kind=carbon", Grid)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(250.0, latest.GetProperty("value").GetDouble());
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 2, 0, 0, TimeSpan.Zero), latest.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/signals?zone=DE&kind=carbon", Tenant)).StatusCode);
    }

    [Theory]
    [InlineData("zone", "{\"kind\":\"carbon\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":60,\"values\":[1]}")]
    [InlineData("kind", "{\"zone\":\"DE\",\"kind\":\"co2\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":60,\"values\":[1]}")]
    [InlineData("step_minutes", "{\"zone\":\"DE\",\"kind\":\"carbon\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":0,\"values\":[1]}")]
    [InlineData("values", "{\"zone\":\"DE\",\"kind\":\"carbon\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":60,\"values\":[]}")]
    [InlineData("step_minutes", "{\"zone\":\"DE\",\"kind\":\"carbon\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":15,\"values\":[9,9]}")]
    [InlineData("currency", "{\"zone\":\"DE\",\"kind\":\"price\",\"start\":\"2023-06-01T00:00:00Z\",\"step_minutes\":60,\"values\":[9]}")]
    [InlineData("start", "{\"zone\":\"DE\",\"kind\":\"price\",\"start\":\"9999-12-30T00:00:00Z\",\"step_minutes\":1440,\"values\":[1],\"currency\":\"EUR\"}")]
    [InlineData("start", "{\"zone\":\"DE\",\"kind\":\"carbon\",\"start\":\"2023-06-01T00:30:00Z\",\"step_minutes\":60,\"values\":[9]}")]
    public async Task ABadSeries_Is400NamingTheField_AndChangesNothing(string field, string json)
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/signals", Grid, Series)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signals") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyAuth.Header, Grid);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        var read = JsonDocument.Parse(await (await Send(HttpMethod.Get, "/signals?zone=DE&kind=carbon", Read)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(3, read.GetProperty("values").GetArrayLength());
        Assert.Equal(300.0, read.GetProperty("values")[0].GetDouble());
        // Nothing else was stored either: no other series, and the catalog still reads.
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, "/signals?zone=DE&kind=price", Read)).StatusCode);
        var locations = JsonDocument.Parse(await Client.GetStringAsync("/locations", TestContext.Current.CancellationToken)).RootElement;
        // The stored zones, beside the cloud regions that map to them (named "region (provider) → zone").
        Assert.Equal(["DE"], locations.EnumerateObject().Where(p => !p.Value.GetProperty("name").GetString()!.Contains('→')).Select(p => p.Name));
    }

    [Fact]
    public async Task Metrics_CountRequestsAndStoredValues_InPrometheusFormat()
    {
        // A zone of this test's own: other tests' services in the same process count theirs under their zones.
        var zone = $"Z{Guid.NewGuid():N}";
        var series = new { zone, kind = "carbon", start = "2023-06-01T00:00:00Z", step_minutes = 60, values = new double?[] { 300, null, 250 } };
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/signals", Grid, series)).StatusCode);
        var text = await Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        // Two values stored (one of the three is a gap), and the request itself measured.
        Assert.Matches($@"tandem_signal_values_stored_total\{{[^}}]*zone=""{zone}""[^}}]*\}} 2\b", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
    }

    [Fact]
    public async Task ARevokedKey_Is401_AtOnce()
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, "/signals", Grid, Series)).StatusCode);
        using (var keys = ApiKeyStore.Open(_db)) Assert.True(keys.Revoke("tso", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/signals", Grid, Series)).StatusCode);
    }

    [Fact]
    public async Task CarbonAwareRoutes_AnswerWithoutAKey_ByDefault()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, "/emissions/bylocation?location=DE&time=2023-06-01T00:00:00Z", null)).StatusCode);
    }
}

/// <summary>The contract on SQLite, and what only a look into the file can show.</summary>
public sealed class SqliteSignalsApiTests : SignalsApiContract<SqliteTestDatabase>
{
    [Fact]
    public void OnlyTheKeysHash_IsStored()
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database.Path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT key_sha256 FROM api_keys WHERE name = 'ops'";
        Assert.Equal(ApiKeyStore.Hash(Admin), cmd.ExecuteScalar());
        Assert.NotEqual(Admin, cmd.ExecuteScalar());
    }
}

/// <summary>The contract on PostgreSQL.</summary>
public sealed class PostgresSignalsApiTests : SignalsApiContract<PostgresTestDatabase>;

/// <summary>With --carbon-aware-requires-key the SDK's routes need a key too.</summary>
public sealed class LockedCarbonAwareTests : IAsyncLifetime
{
    private readonly string _path = TempSqlite.NewPath("locked");
    private WebApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = TandemServer.Build(new ServeSettings(_path) { CarbonAwareRequiresKey = true }, configure: b => b.WebHost.UseTestServer());
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TempSqlite.Delete(_path);
    }

    [Fact]
    public async Task TheSdkRoutes_Need_AKey()
    {
        string key;
        using (var keys = ApiKeyStore.Open(_path)) key = keys.Add("viewer", ApiRole.Read, null, DateTimeOffset.UtcNow);
        using var client = _app.GetTestClient();
        const string url = "/emissions/bylocation?location=DE&time=2023-06-01T00:00:00Z";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
        client.DefaultRequestHeaders.Add(ApiKeyAuth.Header, key);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>Writes are rate-limited per key (429 with Retry-After beyond the bucket); reads are not.</summary>
public sealed class WriteRateLimitTests : IAsyncLifetime
{
    private readonly string _path = TempSqlite.NewPath("rate");
    private WebApplication _app = null!;
    private string _key = null!;
    private readonly Dictionary<string, string> _methodKeys = [];

    public async ValueTask InitializeAsync()
    {
        using (var keys = ApiKeyStore.Open(_path))
        {
            _key = keys.Add("tso", ApiRole.Grid, null, DateTimeOffset.UtcNow);
            foreach (var method in new[] { "PUT", "PATCH", "DELETE" }) _methodKeys[method] = keys.Add($"ops-{method}", ApiRole.Admin, null, DateTimeOffset.UtcNow);
        }
        _app = TandemServer.Build(new ServeSettings(_path) { WritesPerSecond = 2 }, configure: b => b.WebHost.UseTestServer());
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TempSqlite.Delete(_path);
    }

    [Fact]
    public async Task ABurstOfWrites_IsCut_AtTheBucket_ButReadsAreNot()
    {
        using var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuth.Header, _key);
        var series = new { zone = "DE", kind = "carbon", start = "2023-06-01T00:00:00Z", step_minutes = 60, values = new double?[] { 1 } };
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 10; i++)
        {
            using var r = await client.PostAsJsonAsync("/signals", series, TestContext.Current.CancellationToken);
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) retryAfter = r.Headers.RetryAfter?.ToString();
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal("1", retryAfter);
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/signals?zone=DE&kind=carbon", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task PutsPatchesAndDeletes_AreWritesToo(string method)
    {
        using var client = _app.GetTestClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/fleet/sites/a/battery") { Content = JsonContent.Create(new { energy_kwh = 1.0 }) };
            request.Headers.Add(ApiKeyAuth.Header, _methodKeys[method]);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
