using System.CommandLine;
using System.Globalization;
using Tandem.Storage.Runs;

namespace Tandem.Cli.Runs;

/// <summary>`tandem runs list` and `tandem runs show ID`: read recorded runs back from the run store.</summary>
internal static class RunsCommand
{
    public static Option<string?> DbOption() => new("--db") { Description = "SQLite run database (default: the user's data folder, tandem/tandem.db)" };

    /// <summary>The database path: the --db value, else TANDEM_DB, else the user's local data folder.</summary>
    /// <summary>The run store behind --db: the one place the CLI picks the SQLite implementation; every command
    /// works through <see cref="IRunStore"/>.</summary>
    public static async Task<IRunStore> OpenStoreAsync(string? db, CancellationToken ct) => await SqliteRunStore.OpenAsync(DbPath(db), ct);

    public static string DbPath(string? db) =>
        db ?? Environment.GetEnvironmentVariable("TANDEM_DB")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "tandem", "tandem.db");

    public static Command Create(ConsoleIo io)
    {
        var db = DbOption();
        var list = new Command("list", "List recorded runs, newest first") { db };
        list.SetAction(async (pr, ct) =>
        {
            using var store = await OpenStoreAsync(pr.GetValue(db), ct);
            var runs = await store.ListAsync(ct);
            await io.Out.WriteLineAsync($"{"id",5}  {"started (UTC)",-20}  {"scenario",-28}  policies");
            foreach (var r in runs)
                await io.Out.WriteLineAsync($"{r.Id,5}  {r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-20}  {r.Scenario,-28}  {string.Join(",", r.Policies.Select(p => p.Policy))}");
            if (runs.Count == 0) await io.Out.WriteLineAsync("(no runs yet)");
            return 0;
        });
        var idArg = new Argument<string>("id") { Description = "Run id, as `runs list` shows it" };
        var show = new Command("show", "Show one run's totals per policy") { idArg, db };
        show.SetAction(async (pr, ct) =>
        {
            var text = pr.GetValue(idArg);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                throw new UsageException($"id: '{text}' is not a run id (a positive whole number)");
            using var store = await OpenStoreAsync(pr.GetValue(db), ct);
            var run = await store.GetAsync(id, ct);
            if (run is null)
            {
                await io.Error.WriteLineAsync($"error: id: there is no run {id}");
                return 2;
            }
            var c = CultureInfo.InvariantCulture;
            await io.Out.WriteLineAsync($"Run {run.Id}: {run.Scenario}, started {run.StartedAt:O}, {run.Steps} steps of {run.StepMinutes.ToString(c)} min, output in {run.OutDirectory}");
            await io.Out.WriteLineAsync(Simulate.ComparisonTable.Render(run.Policies));
            return 0;
        });
        return new Command("runs", "Read recorded runs") { list, show };
    }
}
