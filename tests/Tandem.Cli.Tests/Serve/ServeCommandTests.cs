using System.Net;
using System.Net.Sockets;
using Tandem.Cli.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>`tandem serve` from the command line: a bad address is refused before anything starts (exit 2, naming
/// --urls); a good one serves on a real Kestrel socket until cancelled.</summary>
public class ServeCommandTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("localhost")]
    public async Task ABadUrl_IsRefused_NamingTheOption(string urls)
    {
        var (code, _, stderr) = await TandemCli.Run("serve", "--urls", urls, "--db", Path.Combine(Path.GetTempPath(), $"tandem-{Guid.NewGuid():N}.db"));
        Assert.Equal(2, code);
        Assert.Contains("--urls", stderr);
    }

    [Fact]
    public async Task Serve_AnswersHealth_OnLoopback_UntilCancelled()
    {
        var db = TempSqlite.NewPath("serve-cli");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        using var cts = new CancellationTokenSource();
        var stdout = new StringWriter();
        var run = TandemCommand.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", db], stdout, new StringWriter(), TimeProvider.System, cts.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? health = null;
        for (var i = 0; i < 100 && health is null; i++)
        {
            try { health = await http.GetAsync("/health", TestContext.Current.CancellationToken); }
            catch (HttpRequestException) { await Task.Delay(100, TestContext.Current.CancellationToken); }
        }
        Assert.NotNull(health);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var noData = await http.GetAsync("/emissions/bylocation?location=X&time=2023-01-01T00:00:00Z", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, noData.StatusCode);
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Contains($"http://127.0.0.1:{port}", stdout.ToString());
        TempSqlite.Delete(db);
    }
}

/// <summary>`tandem keys`: a key is printed once and works; list shows it without the key; revoke stops it; a bad role
/// or a second key of the same name is exit 2 naming the option.</summary>
public class KeysCommandTests
{
    [Fact]
    public async Task AddListRevoke()
    {
        var db = TempSqlite.NewPath("keys");
        var (code, key, _) = await TandemCli.Run("keys", "add", "--name", "tso", "--role", "grid", "--db", db);
        Assert.Equal(0, code);
        key = key.Trim();
        Assert.StartsWith("tdm_", key);
        using (var store = Tandem.Storage.Keys.ApiKeyStore.Open(db)) Assert.Equal("tso", store.Authenticate(key)!.Name);
        var (_, list, _) = await TandemCli.Run("keys", "list", "--db", db);
        Assert.Contains("tso\tgrid\t-\t", list);
        Assert.DoesNotContain(key, list);
        var (dup, _, dupErr) = await TandemCli.Run("keys", "add", "--name", "tso", "--role", "read", "--db", db);
        Assert.Equal(2, dup);
        Assert.Contains("error: --name: a key named 'tso' exists already", dupErr);
        var (bad, _, badErr) = await TandemCli.Run("keys", "add", "--name", "x", "--role", "root", "--db", db);
        Assert.Equal(2, bad);
        Assert.Contains("--role", badErr);
        Assert.Equal(0, (await TandemCli.Run("keys", "revoke", "--name", "tso", "--db", db)).Code);
        using (var store = Tandem.Storage.Keys.ApiKeyStore.Open(db)) Assert.Null(store.Authenticate(key));
        Assert.Equal(2, (await TandemCli.Run("keys", "revoke", "--name", "tso", "--db", db)).Code);
        TempSqlite.Delete(db);
    }
}
