using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Tandem.Server.Hosting;
using Tandem.Server.Security;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The real service in-process (ASP.NET Core's test server) on a SQLite file of the test's, and one way to call
/// it: the status and the JSON body. Disposing stops it and deletes the file.</summary>
public sealed class TestService : IAsyncDisposable
{
    private TestService(WebApplication app, string db)
    {
        App = app;
        Database = db;
        Client = app.GetTestClient();
    }

    /// <summary>The app.</summary>
    public WebApplication App { get; }
    /// <summary>Its --db.</summary>
    public string Database { get; }
    /// <summary>A client of it.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the service on <paramref name="db"/> (filled by the caller beforehand) with a clock.</summary>
    public static async Task<TestService> Start(string db, TimeProvider? clock = null)
    {
        var app = TandemServer.Build(new ServeSettings(db), clock, b => b.WebHost.UseTestServer());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestService(app, db);
    }

    /// <summary>GET <paramref name="url"/> with an API key, if given: the status and the JSON body (default when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> Get(string url, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add(ApiKeyAuth.Header, key);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        TempSqlite.Delete(Database);
    }
}
