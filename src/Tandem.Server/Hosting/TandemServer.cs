using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Threading.RateLimiting;
using OpenTelemetry.Metrics;
using Tandem.Server.CarbonAware;
using Tandem.Server.Operations;
using Tandem.Server.Security;
using Tandem.Server.Signals;
using Tandem.Storage;
using Tandem.Storage.Jobs;
using Tandem.Storage.Keys;
using Tandem.Server.Jobs;
using Tandem.Storage.Schema;
using Tandem.Storage.Signals;
using Tandem.Storage.Live;
using Tandem.Server.Live;
using Tandem.Scenarios;
using Tandem.Scheduling;

namespace Tandem.Server.Hosting;

/// <summary>Builds the service: the store (SQLite by default, PostgreSQL when --db is a connection string), the Carbon-Aware-SDK-compatible endpoints, health checks and problem-details
/// errors. The store is opened (created and migrated if new) before the app starts, so a bad database path fails at
/// start, not on the first request.</summary>
public static class TandemServer
{
    /// <summary>The app for <paramref name="settings"/>; <paramref name="configure"/> lets a test swap the server
    /// (TestServer) before it is built.</summary>
    public static WebApplication Build(ServeSettings settings, TimeProvider? clock = null, Action<WebApplicationBuilder>? configure = null)
    {
        var replay = settings.Replay is { } r ? Replay(r) : ((Scenarios.Scenario Scenario, string Run, double Speed)?)null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(TandemServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Text for a person at a terminal; one JSON object per line (timestamp, level, category, message, state) for a log
        // collector. Neither carries an API key: none is ever logged.
        if (settings.JsonLogs) builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many writes",
                    detail: $"this key may write {settings.WritesPerSecond} times a second; retry after a second").ExecuteAsync(context.HttpContext);
            };
            // Writes (POST, PUT, PATCH, DELETE) only, per API key (or per client address without one); reads are not limited here.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetTokenBucketLimiter(WriterOf(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.WritesPerSecond, TokensPerPeriod = settings.WritesPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0, AutoReplenishment = true,
                }));
        });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(ServiceMetrics.MeterName).AddPrometheusExporter());
        ISignalStore store = DbSignalStore.OpenFor(settings.Database);
        // Registered through a factory so the container owns it and closes the connection when the app is disposed.
        builder.Services.AddSingleton(_ => store);
        var gate = new Lock();
        var live = LiveStore.Open(settings.Database);
        builder.Services.AddSingleton(_ => live);
        // A replay's clock starts where the store says the run got to (the period's start for a new run).
        var replayClock = replay is { } p
            ? new ReplayClock(clock ?? TimeProvider.System, p.Scenario.Grid.TimeAt(Math.Min(live.Progress(p.Run)?.NextStep ?? 0, p.Scenario.Grid.Count)), p.Speed)
            : null;
        builder.Services.AddSingleton(replayClock ?? clock ?? TimeProvider.System);
        builder.Services.AddSingleton(new ServiceDatabase(settings.Database));
        var liveService = new LiveService();
        builder.Services.AddSingleton(liveService);
        if (replayClock is not null) builder.Services.AddSingleton(replayClock);
        if (settings.Replay is { Driven: true }) builder.Services.AddHostedService<ReplayDriver>();
        builder.Services.AddSingleton(sp => new EmissionsQuery(sp.GetRequiredService<ISignalStore>(), gate, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new CarbonAwareForecasts(sp.GetRequiredService<ISignalStore>(), gate, sp.GetRequiredService<ServiceMetrics>()));
        builder.Services.AddSingleton(sp => new Forecasts.ZoneForecasts(sp.GetRequiredService<ISignalStore>(), gate, sp.GetRequiredService<TimeProvider>()));
        var keys = ApiKeyStore.Open(settings.Database);
        builder.Services.AddSingleton(_ => keys);
        var jobs = JobStore.Open(settings.Database);
        builder.Services.AddSingleton(_ => jobs);
        if (replay is not null)
            builder.Services.AddSingleton(sp => new LiveCoordinator(replay.Value.Scenario, replay.Value.Run, () => PolicyCatalog.Create(settings.Replay!.Policy, null, settings.Replay.PolicyOptions).Policy!, sp.GetRequiredService<ISignalStore>(), gate, live,
                sp.GetRequiredService<JobStore>(), sp.GetRequiredService<ServiceMetrics>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tandem.Live")));
        configure?.Invoke(builder);
        var app = builder.Build();
        if (replay is not null) liveService.Coordinator = app.Services.GetRequiredService<LiveCoordinator>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        app.Use(ApiKeyAuth.Check);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPrometheusScrapingEndpoint("/metrics");
        var carbonAware = app.MapGroup("");
        if (settings.CarbonAwareRequiresKey) carbonAware.RequireKey(ApiRole.Read, ApiRole.Grid, ApiRole.Tenant);
        CarbonAwareEndpoints.Map(carbonAware);
        SignalsEndpoints.Map(app, gate);
        SignalFileEndpoints.Map(app, gate);
        JobsEndpoints.Map(app);
        LiveEndpoints.Map(app);
        Fleet.FleetEndpoints.Map(app);
        Forecasts.ForecastsEndpoints.Map(app);
        Dashboard.DashboardEndpoints.Map(app);
        app.MapGet("/health", () => TypedResults.Text("Healthy"));
        app.MapGet("/health/ready", (EmissionsQuery query, LiveService live) =>
        {
            if (live.Coordinator?.Fault is { } fault)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "live loop stopped", detail: $"{fault}; restart the service to resume from the store");
            try
            {
                query.Zones();
                return Results.Text("Healthy");
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or StoreException or ArgumentOutOfRangeException)
            {
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "store unreachable", detail: e.Message);
            }
        });
        return app;
    }

    /// <summary>The policies that can run live: those without foresight.</summary>
    public static IReadOnlyList<string> LivePolicies { get; } = PolicyCatalog.Names.Where(n => PolicyCatalog.Create(n) is not IForesightPolicy).ToArray();

    /// <summary>The scenario, policy, speed and run key of a replay, checked before any database is opened. Throws
    /// <see cref="Tandem.Formats.DataFileException"/> for a bad scenario and <see cref="ArgumentException"/> naming the
    /// option for a policy that cannot run live or a bad speed.</summary>
    private static (Scenarios.Scenario Scenario, string Run, double Speed) Replay(ReplaySettings r)
    {
        var scenario = ScenarioLoader.Load(r.ScenarioPath);
        var (policy, problems) = PolicyCatalog.Create(r.Policy, null, r.PolicyOptions);
        if (policy is null)
            throw new ArgumentException(PolicyCatalog.Names.Contains(r.Policy) ? $"--option: {r.Policy}.{string.Join("; ", problems)}"
                : $"--policy: unknown policy '{r.Policy}'; known: {string.Join(", ", PolicyCatalog.Names)}");
        if (policy is IForesightPolicy) throw new ArgumentException($"--policy: {policy.Name} plans with perfect foresight and cannot run live; use {string.Join(", ", LivePolicies)}");
        var speed = r.Speed is > 0 and <= 1e9 ? r.Speed : throw new ArgumentException($"--speed: {r.Speed} must be a positive number up to 1e9");
        return (scenario, LiveCoordinator.RunKey(scenario, policy, r.ScenarioPath, r.PolicyOptions), speed);
    }

    /// <summary>Who a write counts against: the hash of its API key, else its client address.</summary>
    private static string WriterOf(HttpContext http)
    {
        var key = http.Request.Headers[ApiKeyAuth.Header].ToString();
        if (key.Length == 0 && http.Request.Headers.Authorization.ToString() is { Length: > 7 } auth) key = auth[7..].Trim();
        return key.Length > 0 ? "key:" + ApiKeyStore.Hash(key) : "ip:" + http.Connection.RemoteIpAddress;
    }
}
