using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tandem.Server.Hosting;
using Tandem.Server.Jobs;
using Tandem.Server.Security;
using Tandem.Storage.Keys;
using Tandem.Storage.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The jobs API on a real database: a retried submit never makes a second job (also under 20 concurrent
/// retries), a reused key with another body is 409, one tenant never sees or changes another's jobs, bad input is a
/// 400 naming the field and stores nothing. The same tests run on SQLite and PostgreSQL.</summary>
public abstract class JobsApiContract<TDatabase> : IAsyncLifetime where TDatabase : ITestDatabase, new()
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private readonly Dictionary<string, string> _keys = [];
    private readonly FakeClock _clock = new(Now);

    /// <summary>This test's database.</summary>
    protected TDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var db = Database.Create();
        using (var keys = ApiKeyStore.Open(db))
        {
            _keys["a"] = keys.Add("team-a", ApiRole.Tenant, "a", Now);
            _keys["b"] = keys.Add("team-b", ApiRole.Tenant, "b", Now);
            _keys["admin"] = keys.Add("ops", ApiRole.Admin, null, Now);
            _keys["grid"] = keys.Add("tso", ApiRole.Grid, null, Now);
        }
        _app = TandemServer.Build(new ServeSettings(db), _clock, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        Database.Drop();
    }

    private static object Job(int gpus = 8) => new { gpus, work_gpu_hours = 64.0, deadline = Now.AddHours(30), tier = "relaxed", sites = new[] { "ningxia" } };

    private async Task<(HttpStatusCode Status, JsonElement Body)> Call(HttpMethod method, string url, string? key, object? body = null, string? idempotency = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null) request.Headers.Add(ApiKeyAuth.Header, _keys[key]);
        if (idempotency is not null) request.Headers.Add(JobsEndpoints.IdempotencyHeader, idempotency);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ARetriedSubmit_ReturnsTheSameJob_AndAReusedKeyWithAnotherJob_Is409()
    {
        var (created, first) = await Call(HttpMethod.Post, "/jobs", "a", Job(), "k1");
        Assert.Equal(HttpStatusCode.Created, created);
        // The retry comes a minute later: a job without earliest_start must still match itself.
        _clock.Advance(TimeSpan.FromMinutes(1));
        var (again, second) = await Call(HttpMethod.Post, "/jobs", "a", Job(), "k1");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Call(HttpMethod.Post, "/jobs", "a", Job(gpus: 16), "k1")).Status);
        // Another tenant may use the same key for its own job.
        Assert.Equal(HttpStatusCode.Created, (await Call(HttpMethod.Post, "/jobs", "b", Job(), "k1")).Status);
        var (_, mine) = await Call(HttpMethod.Get, "/jobs", "a");
        Assert.Single(mine.EnumerateArray());
        Assert.Equal("queued", first.GetProperty("status").GetString());
        Assert.Equal(64.0, first.GetProperty("request").GetProperty("work_gpu_hours").GetDouble());
    }

    [Fact]
    public async Task ARetryAfterTheDeadline_StillGetsItsJob()
    {
        var (_, first) = await Call(HttpMethod.Post, "/jobs", "a", Job(), "late");
        _clock.Advance(TimeSpan.FromHours(48));
        var (status, again) = await Call(HttpMethod.Post, "/jobs", "a", Job(), "late");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
    }

    [Fact]
    public async Task TwentyConcurrentRetries_MakeOneJob()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Call(HttpMethod.Post, "/jobs", "a", Job(), "same")));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.Status.ToString()));
        Assert.Single(answers.Select(a => a.Body.GetProperty("id").GetString()).Distinct());
        Assert.Single((await Call(HttpMethod.Get, "/jobs", "a")).Body.EnumerateArray());
    }

    [Fact]
    public async Task OneTenant_NeverSeesOrChangesAnothersJobs()
    {
        var id = (await Call(HttpMethod.Post, "/jobs", "a", Job(), "k")).Body.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await Call(HttpMethod.Get, $"/jobs/{id}", "b")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Call(HttpMethod.Post, $"/jobs/{id}/cancel", "b")).Status);
        Assert.Empty((await Call(HttpMethod.Get, "/jobs", "b")).Body.EnumerateArray());
        Assert.Empty((await Call(HttpMethod.Get, "/jobs?tenant=a", "b")).Body.EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await Call(HttpMethod.Post, "/jobs", "b", new { gpus = 8, work_gpu_hours = 64.0, deadline = Now.AddHours(30), sites = new[] { "x" }, tenant = "a" }, "k2")).Status);
        Assert.Equal("queued", (await Call(HttpMethod.Get, $"/jobs/{id}", "admin")).Body.GetProperty("status").GetString());
        Assert.Single((await Call(HttpMethod.Get, "/jobs?tenant=a", "admin")).Body.EnumerateArray());
        var (cancelled, job) = await Call(HttpMethod.Post, $"/jobs/{id}/cancel", "a");
        Assert.Equal(HttpStatusCode.OK, cancelled);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Call(HttpMethod.Post, $"/jobs/{id}/cancel", "a")).Status);
    }

    [Fact]
    public async Task OnlyTenantAndAdminKeys_Submit()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(HttpMethod.Post, "/jobs", null, Job(), "k")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Call(HttpMethod.Post, "/jobs", "grid", Job(), "k")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Call(HttpMethod.Post, "/jobs", "admin", Job(), "k")).Status);
        var forA = new { gpus = 8, work_gpu_hours = 64.0, deadline = Now.AddHours(30), sites = new[] { "x" }, tenant = "a" };
        Assert.Equal(HttpStatusCode.Created, (await Call(HttpMethod.Post, "/jobs", "admin", forA, "k")).Status);
        Assert.Single((await Call(HttpMethod.Get, "/jobs", "a")).Body.EnumerateArray());
    }

    [Theory]
    [InlineData("Idempotency-Key", "{\"gpus\":8,\"work_gpu_hours\":64,\"deadline\":\"2026-12-07T12:00:00Z\",\"sites\":[\"x\"]}", false)]
    [InlineData("gpus", "{\"gpus\":0,\"work_gpu_hours\":64,\"deadline\":\"2026-12-07T12:00:00Z\",\"sites\":[\"x\"]}", true)]
    [InlineData("work_gpu_hours", "{\"gpus\":8,\"work_gpu_hours\":-1,\"deadline\":\"2026-12-07T12:00:00Z\",\"sites\":[\"x\"]}", true)]
    [InlineData("deadline", "{\"gpus\":8,\"work_gpu_hours\":64,\"sites\":[\"x\"]}", true)]
    [InlineData("deadline", "{\"gpus\":8,\"work_gpu_hours\":64,\"earliest_start\":\"2026-12-08T00:00:00Z\",\"deadline\":\"2026-12-07T12:00:00Z\",\"sites\":[\"x\"]}", true)]
    [InlineData("tier", "{\"gpus\":8,\"work_gpu_hours\":64,\"deadline\":\"2026-12-07T12:00:00Z\",\"tier\":\"urgent\",\"sites\":[\"x\"]}", true)]
    [InlineData("sites", "{\"gpus\":8,\"work_gpu_hours\":64,\"deadline\":\"2026-12-07T12:00:00Z\",\"sites\":[]}", true)]
    public async Task ABadJob_Is400NamingTheField_AndStoresNothing(string field, string json, bool withKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyAuth.Header, _keys["a"]);
        if (withKey) request.Headers.Add(JobsEndpoints.IdempotencyHeader, "k");
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.Empty((await Call(HttpMethod.Get, "/jobs", "a")).Body.EnumerateArray());
    }
}

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteJobsApiTests : JobsApiContract<SqliteTestDatabase>;

/// <summary>The contract on PostgreSQL.</summary>
public sealed class PostgresJobsApiTests : JobsApiContract<PostgresTestDatabase>;
