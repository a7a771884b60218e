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
        var db = Path.Combine(Path.GetTempPath(), $"tandem-serve-cli-{Guid.NewGuid():N}.db");
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(db);
    }
}
