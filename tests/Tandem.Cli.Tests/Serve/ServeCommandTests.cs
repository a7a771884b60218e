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

    [Theory]
    [InlineData("--policy", "--demo --policy optimal")]
    [InlineData("--policy", "--demo --policy nope")]
    [InlineData("--speed", "--demo --speed 0")]
    [InlineData("--policy and --speed apply to a live loop", "--policy mpc")]
    [InlineData("--demo", "--demo --replay x.json")]
    [InlineData("no-such-scenario.json", "--replay no-such-scenario.json")]
    [InlineData("--option", "--demo --option mpc.nope=1")]
    [InlineData("--log-format", "--log-format xml")]
    public async Task ABadLiveOption_IsRefused_NamingIt(string named, string args)
    {
        var db = TempSqlite.NewPath("serve-bad");
        var (code, _, stderr) = await TandemCli.Run(["serve", "--db", db, "--urls", "http://127.0.0.1:1", .. args.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
        TempSqlite.Delete(db);
    }

    [Fact]
    public async Task ServeDemo_PlaysTheDemoOnTheClock_AndStopsBetweenSteps()
    {
        var db = TempSqlite.NewPath("serve-demo");
        var port = FreePort();
        using var cts = new CancellationTokenSource();
        var stdout = new StringWriter();
        var run = TandemCommand.RunAsync(["serve", "--demo", "--speed", "100000", "--urls", $"http://127.0.0.1:{port}", "--db", db], stdout, new StringWriter(), TimeProvider.System, cts.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var step = -1;
        for (var i = 0; i < 300 && step < 20; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            var key = System.Text.RegularExpressions.Regex.Match(stdout.ToString(), "#key=(tdm_[A-Za-z0-9_-]+)").Groups[1].Value;
            if (key.Length == 0) continue;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/plan");
            request.Headers.Add("X-Api-Key", key);
            try
            {
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    step = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("step").GetInt32();
            }
            catch (HttpRequestException) { }
        }
        Assert.True(step >= 20, $"the demo reached step {step}");
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        // Stopped between steps: every recorded command belongs to a step before the recorded next step.
        using var store = Tandem.Storage.Live.LiveStore.Open(db);
        var demo = Tandem.Cli.Simulate.SimulateCommand.DemoScenarioPath();
        var runKey = Tandem.Server.Live.LiveCoordinator.RunKey(Tandem.Scenarios.ScenarioLoader.Load(demo), Tandem.Scheduling.PolicyCatalog.Create("mpc")!, demo, new Dictionary<string, string>());
        var progress = store.Progress(runKey)!;
        var actions = store.Actions(runKey);
        Assert.True(progress.NextStep > 20);
        Assert.Equal(progress.NextStep - 1, actions.Max(a => a.Step));
        TempSqlite.Delete(db);
    }

    [Theory]
    [InlineData(true, "json")]
    [InlineData(false, "simple")]
    public void LogFormat_IsJsonOrText(bool json, string formatter)
    {
        var db = TempSqlite.NewPath("serve-logs");
        using (var app = Tandem.Server.Hosting.TandemServer.Build(new Tandem.Server.Hosting.ServeSettings(db) { JsonLogs = json }))
        {
            var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<
                Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>>(app.Services);
            Assert.Equal(formatter, options.CurrentValue.FormatterName);
        }
        TempSqlite.Delete(db);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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
