using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Scenarios;
using Tandem.Server.Hosting;
using Tandem.Server.Jobs;
using Tandem.Server.Live;
using Tandem.Server.Security;
using Tandem.Storage.Keys;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>Services replaying the built-in demo, each on a database of its own with a tenant key for teams a and b, a
/// read key and an admin key, stepped by hand on a clock that only moves when told; and one way to call them.</summary>
public abstract class LiveHarness<TDatabase> : IAsyncLifetime where TDatabase : ITestDatabase, new()
{
    protected static readonly string Demo = Path.Combine(SharedData.RepoRoot(), "examples", "demo", "scenario.json");
    protected static readonly Scenario Scenario = ScenarioLoader.Load(Demo);
    protected static readonly TimeGrid Grid = Scenario.Grid;
    private readonly List<WebApplication> _apps = [];
    private readonly List<TDatabase> _databases = [];
    private readonly Dictionary<string, string> _keys = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var db in _databases) db.Drop();
    }

    protected string NewDatabase()
    {
        var database = new TDatabase();
        _databases.Add(database);
        var db = database.Create();
        using var keys = ApiKeyStore.Open(db);
        _keys["a"] = keys.Add("team-a", ApiRole.Tenant, "a", Grid.Start);
        _keys["b"] = keys.Add("team-b", ApiRole.Tenant, "b", Grid.Start);
        _keys["read"] = keys.Add("screen", ApiRole.Read, null, Grid.Start);
        _keys["admin"] = keys.Add("ops", ApiRole.Admin, null, Grid.Start);
        return db;
    }

    /// <summary>A service replaying the demo under <paramref name="policy"/>, stepped by hand (no driver).</summary>
    protected async Task<(HttpClient Client, LiveCoordinator Live, WebApplication App)> Start(string db, string policy = "mpc")
    {
        var app = TandemServer.Build(new ServeSettings(db) { Replay = new ReplaySettings(Demo, 3600, policy) { Driven = false } },
            new FakeClock(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)), b => b.WebHost.UseTestServer());
        _apps.Add(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return (app.GetTestClient(), app.Services.GetRequiredService<LiveService>().Coordinator!, app);
    }

    /// <summary>Calls <paramref name="url"/> with the key named <paramref name="key"/> and a JSON body (an object, or
    /// a string sent as it is): the status and the JSON answer (default when empty).</summary>
    protected async Task<(HttpStatusCode Status, JsonElement Body)> Call(HttpClient client, HttpMethod method, string url, string key, object? body = null, string? idempotency = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add(ApiKeyAuth.Header, _keys[key]);
        if (idempotency is not null) request.Headers.Add(JobsEndpoints.IdempotencyHeader, idempotency);
        if (body is string text) request.Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, answer.Length == 0 ? default : JsonDocument.Parse(answer).RootElement.Clone());
    }
}
