using System.CommandLine;
using Tandem.Cli.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Cli.Simulate;
using Tandem.Server.Hosting;
using Tandem.Storage.Keys;

namespace Tandem.Cli.Serve;

/// <summary>`tandem serve`: the service (issue 10; docs/serve.md): the live plan-act loop on a replayed scenario, the
/// Carbon Aware SDK's emissions and forecast routes, signals, jobs and plan APIs behind API keys, OpenAPI, metrics and
/// health checks.</summary>
internal static class ServeCommand
{
    public static Command Create(ConsoleIo io)
    {
        var db = new Option<string?>("--db") { Description = "SQLite file, or a PostgreSQL connection string \"Host=...;Port=...;Username=...;Database=...\" (default: TANDEM_DB, else the user's data folder, tandem/tandem.db)" };
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {ServeSettings.DefaultUrls}: loopback only)", DefaultValueFactory = _ => ServeSettings.DefaultUrls };
        var locked = new Option<bool>("--carbon-aware-requires-key") { Description = "Make the Carbon-Aware-SDK routes need an API key too (by default they answer without one, as the SDK does)" };
        var replay = new Option<string?>("--replay") { Description = "Play a scenario's period live: its signals reach the store as their time comes and its jobs arrive on time, beside jobs submitted over the API" };
        var demo = new Option<bool>("--demo") { Description = "Play the built-in demo scenario live (--replay on it, database demo.db in the user's data folder unless --db), and print keys for the dashboard" };
        var speed = new Option<double>("--speed") { Description = $"Replay seconds per real second (default {ReplaySettings.DefaultSpeed:0}: a week in under three minutes)", DefaultValueFactory = _ => ReplaySettings.DefaultSpeed };
        var policy = new Option<string>("--policy") { Description = $"The live loop's policy: {string.Join(", ", TandemServer.LivePolicies)} (default mpc)", DefaultValueFactory = _ => "mpc" };
        var option = SimulateCommand.SettingOption();
        var logFormat = new Option<string>("--log-format") { Description = "text (default) or json: one JSON object per line, for a log collector", DefaultValueFactory = _ => "text" };
        var cmd = new Command("serve", "Run Tandem as a service: the live plan-act loop (--replay, --demo), Carbon-Aware-SDK-compatible emissions API, signals, jobs and plan APIs with API keys, dashboard (docs/serve.md)")
            { db, urls, locked, replay, demo, speed, policy, option, logFormat };
        cmd.SetAction(async (pr, ct) =>
        {
            var address = pr.GetValue(urls)!;
            foreach (var u in address.Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new UsageException($"--urls: '{u}' is not an http(s) address, e.g. {ServeSettings.DefaultUrls}");
            var format = pr.GetValue(logFormat);
            if (format is not ("text" or "json")) throw new UsageException($"--log-format: '{format}' is not text or json");
            var isDemo = pr.GetValue(demo);
            if (isDemo && pr.GetValue(replay) is not null) throw new UsageException("--demo: it replays the built-in scenario; leave out --replay");
            var scenario = isDemo ? SimulateCommand.DemoScenarioPath() : pr.GetValue(replay);
            var rate = pr.GetValue(speed);
            var policyName = pr.GetValue(policy)!;
            if (scenario is null && (pr.GetResult(policy) is { Implicit: false } || pr.GetResult(speed) is { Implicit: false }))
                throw new UsageException("--policy and --speed apply to a live loop: add --replay SCENARIO or --demo");
            // The policy and the speed are checked where the service is built (exit 2 naming the option).
            var settings = SimulateCommand.ParseSettings(pr.GetValue(option)!, [policyName], Tandem.Planning.Objective.Emissions)[policyName];
            var path = pr.GetValue(db) is { } given ? given : isDemo ? Path.Combine(Path.GetDirectoryName(RunsCommand.DbPath(null))!, "demo.db") : RunsCommand.DbPath(null);
            var live = scenario is null ? null : new ReplaySettings(scenario, rate, policyName) { PolicyOptions = settings };
            WebApplication app;
            try { app = TandemServer.Build(new ServeSettings(path, address) { CarbonAwareRequiresKey = pr.GetValue(locked), Replay = live, JsonLogs = format == "json" }, io.Clock); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            await using var _ = app;
            await io.Out.WriteLineAsync($"Serving {(Tandem.Storage.Schema.PostgresDatabase.IsConnectionString(path) ? "PostgreSQL" : path)} on {address} (Ctrl+C stops)");
            if (live is not null) await io.Out.WriteLineAsync($"Replaying {scenario} under {policyName} at {rate:0.##}x");
            if (isDemo) await DemoKeys(app, address, io);
            await app.StartAsync(ct);
            // Ctrl+C cancels ct; SIGTERM (a service manager's stop) stops the host: either way the live loop ends its step.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return cmd;
    }

    /// <summary>Makes a read key and a tenant key for the demo (new each start; the store keeps only their hashes) and
    /// prints the dashboard's address with the read key and how to submit a job.</summary>
    private static async Task DemoKeys(WebApplication app, string address, ConsoleIo io)
    {
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        var now = io.Clock.GetUtcNow();
        var stamp = now.ToUnixTimeMilliseconds();
        // The previous start's demo keys stop working: each start prints its own.
        foreach (var old in keys.List().Where(k => k.Revoked is null && (k.Name.StartsWith("demo-read-", StringComparison.Ordinal) || k.Name.StartsWith("demo-tenant-", StringComparison.Ordinal))))
            keys.Revoke(old.Name, now);
        var read = keys.Add($"demo-read-{stamp}", ApiRole.Read, null, now);
        var tenant = keys.Add($"demo-tenant-{stamp}", ApiRole.Tenant, "demo", now);
        var first = address.Split(';')[0].TrimEnd('/');
        await io.Out.WriteLineAsync($"Dashboard: {first}/#key={read}");
        await io.Out.WriteLineAsync($"Tenant key for POST {first}/jobs (tenant demo): {tenant}");
    }
}
