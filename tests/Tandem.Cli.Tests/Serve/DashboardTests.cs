using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tandem.Cli.Tests.Testing;
using Tandem.Scenarios;
using Tandem.Server.Hosting;
using Tandem.Server.Jobs;
using Tandem.Server.Live;
using Tandem.Server.Security;
using Tandem.Storage.Keys;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The dashboard end to end in Debian's Chromium (driven by Playwright for .NET): the page loads without
/// console errors while the demo replays, its charts are drawn (a screenshot of each is not blank, where a blank
/// element's is), and a job submitted over the API appears on the plan's timeline after the next step. Skips without
/// /usr/bin/chromium unless TANDEM_REQUIRE_CHROMIUM=1 (CI), where it fails instead.</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Demo = Path.Combine(SharedData.RepoRoot(), "examples", "demo", "scenario.json");
    private readonly string _db = TempSqlite.NewPath("dashboard");
    private WebApplication? _app;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        TempSqlite.Delete(_db);
    }

    private static void RequireChromium()
    {
        if (File.Exists(Chromium)) return;
        if (Environment.GetEnvironmentVariable("TANDEM_REQUIRE_CHROMIUM") == "1")
            Assert.Fail($"TANDEM_REQUIRE_CHROMIUM=1 but {Chromium} is missing (apt-get install chromium; .ci/run does)");
        Assert.Skip($"{Chromium} is missing (apt-get install chromium); set TANDEM_REQUIRE_CHROMIUM=1 to fail instead");
    }

    [Fact]
    public async Task TheDashboard_Loads_DrawsItsCharts_AndShowsASubmittedJobOnTheTimeline()
    {
        RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        string readKey, tenantKey;
        using (var keys = ApiKeyStore.Open(_db))
        {
            readKey = keys.Add("screen", ApiRole.Read, null, now);
            tenantKey = keys.Add("team", ApiRole.Tenant, "t", now);
        }
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var url = $"http://127.0.0.1:{port}";
        // The replay clock runs 3,600 times the fake one: five real seconds are the first five steps.
        var clock = new FakeClock(now);
        _app = TandemServer.Build(new ServeSettings(_db, url) { Replay = new ReplaySettings(Demo, 3600, "mpc") { Driven = false } }, clock);
        await _app.StartAsync(ct);
        var live = _app.Services.GetRequiredService<LiveService>().Coordinator!;
        var grid = live.Scenario.Grid;
        clock.Advance(TimeSpan.FromSeconds(5));
        live.Advance(grid.TimeAt(5));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1600 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync($"{url}/#key={readKey}");
        await page.WaitForFunctionAsync("() => document.body.dataset.step === '5'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => ['power', 'carbon', 'timeline'].every(id => document.getElementById(id).querySelector('.main-svg'))",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        // The card shows the plan's own total.
        var kg = live.View!.Totals.EmissionsKg;
        Assert.Equal($"{kg / 1000:N2} t CO₂e", await page.Locator("#emissions").TextContentAsync());

        foreach (var chart in new[] { "power", "carbon", "timeline" })
        {
            // Plotted data, not just axes: every chart has a trace with points.
            var points = await page.EvaluateAsync<int>($"() => document.getElementById('{chart}').data.reduce((n, t) => n + (t.x || []).filter(x => x !== null).length, 0)");
            Assert.True(points > 0, $"{chart} has no points");
        }
        foreach (var chart in new[] { "#power", "#carbon", "#timeline" })
        {
            var png = PngPixels.Decode(await page.Locator(chart).ScreenshotAsync());
            Assert.True(png.InkShare() > 0.01 && png.Colours > 8, $"{chart}: {png.InkShare():P1} ink, {png.Colours} colours");
        }
        // The check itself: an empty element's screenshot is blank.
        await page.EvaluateAsync("() => { const d = document.createElement('div'); d.id = 'blank'; d.style = 'width:300px;height:200px;background:#fff'; document.body.prepend(d); }");
        Assert.Equal(0, PngPixels.Decode(await page.Locator("#blank").ScreenshotAsync()).InkShare());

        // A job submitted over the API joins at the next step and is drawn on the timeline.
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/jobs")
        {
            Content = JsonContent.Create(new { gpus = 64, work_gpu_hours = 640.0, deadline = grid.TimeAt(6).AddHours(40), tier = "relaxed", sites = new[] { "sichuan" } }),
        };
        submit.Headers.Add(ApiKeyAuth.Header, tenantKey);
        submit.Headers.Add(JobsEndpoints.IdempotencyHeader, "dash-1");
        using var created = await http.SendAsync(submit, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("id").GetString()!;
        const string onTimeline = "id => document.getElementById('timeline').data.some(t => (t.text || []).includes(id))";
        Assert.False(await page.EvaluateAsync<bool>(onTimeline, id));
        live.Advance(grid.TimeAt(6));
        await page.WaitForFunctionAsync(onTimeline, id, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains(id, await page.Locator("#jobs").TextContentAsync());
        Assert.Empty(errors);
    }
}
