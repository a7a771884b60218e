using System.CommandLine;
using Tandem.Cli.Runs;
using Tandem.Server.Hosting;

namespace Tandem.Cli.Serve;

/// <summary>`tandem serve`: the service (issue 10; docs/serve.md). So far: the Carbon Aware SDK's emissions and
/// forecast routes, signals and jobs APIs behind API keys, OpenAPI, metrics and health checks; the live loop is to come.</summary>
internal static class ServeCommand
{
    public static Command Create(ConsoleIo io)
    {
        var db = new Option<string?>("--db") { Description = "SQLite file, or a PostgreSQL connection string \"Host=...;Port=...;Username=...;Database=...\" (default: TANDEM_DB, else the user's data folder, tandem/tandem.db)" };
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {ServeSettings.DefaultUrls}: loopback only)", DefaultValueFactory = _ => ServeSettings.DefaultUrls };
        var locked = new Option<bool>("--carbon-aware-requires-key") { Description = "Make the Carbon-Aware-SDK routes need an API key too (by default they answer without one, as the SDK does)" };
        var cmd = new Command("serve", "Run Tandem as a service: Carbon-Aware-SDK-compatible emissions API, signals and jobs APIs with API keys (docs/serve.md)") { db, urls, locked };
        cmd.SetAction(async (pr, ct) =>
        {
            var address = pr.GetValue(urls)!;
            foreach (var u in address.Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new UsageException($"--urls: '{u}' is not an http(s) address, e.g. {ServeSettings.DefaultUrls}");
            var path = RunsCommand.DbPath(pr.GetValue(db));
            await using var app = TandemServer.Build(new ServeSettings(path, address) { CarbonAwareRequiresKey = pr.GetValue(locked) }, io.Clock);
            await io.Out.WriteLineAsync($"Serving {(Tandem.Storage.Schema.PostgresDatabase.IsConnectionString(path) ? "PostgreSQL" : path)} on {address} (Ctrl+C stops)");
            await app.StartAsync(ct);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return cmd;
    }
}
