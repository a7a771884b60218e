using Microsoft.Data.Sqlite;
using Tandem.Signals;
using Tandem.Storage.Runs;
using Tandem.Storage.Schema;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Storage.Tests.Schema;

/// <summary>The versioned schema: databases written before it was versioned open, migrate and keep their runs.</summary>
public class SqliteDatabaseTests
{
    /// <summary>The run tables exactly as the first release created them (before objectives).</summary>
    private const string FirstReleaseSchema = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            scenario TEXT NOT NULL,
            steps INTEGER NOT NULL,
            step_minutes REAL NOT NULL,
            out_dir TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS run_policies (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            policy TEXT NOT NULL,
            energy_kwh REAL NOT NULL, grid_energy_kwh REAL NOT NULL, onsite_energy_kwh REAL NOT NULL,
            battery_energy_kwh REAL NOT NULL, curtailed_energy_kwh REAL NOT NULL,
            emissions_kg REAL NOT NULL, marginal_emissions_kg REAL,
            cost REAL NOT NULL, currency TEXT NOT NULL, green_share REAL NOT NULL,
            jobs_total INTEGER NOT NULL, jobs_completed INTEGER NOT NULL, deadline_misses INTEGER NOT NULL,
            jobs_unfinished INTEGER NOT NULL, mean_delay_hours REAL NOT NULL, inference_unserved_fraction REAL NOT NULL,
            wall_seconds REAL NOT NULL,
            PRIMARY KEY (run_id, ordinal)
        );
        """;

    /// <summary>The run tables as the code before versioning created them (user_version 0, objectives included).</summary>
    private static readonly string UnversionedSchema = FirstReleaseSchema.Replace(
        "wall_seconds REAL NOT NULL,", "wall_seconds REAL NOT NULL,\n objective_name TEXT NOT NULL DEFAULT '',\n objective REAL NOT NULL DEFAULT 0,", StringComparison.Ordinal);

    private static void Execute(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private const string OldRun = """
        INSERT INTO runs (started_at, scenario, steps, step_minutes, out_dir) VALUES ('2026-11-01T08:00:00.0000000Z', 'old', 168, 60, '/tmp/old');
        INSERT INTO run_policies (run_id, ordinal, policy, energy_kwh, grid_energy_kwh, onsite_energy_kwh, battery_energy_kwh, curtailed_energy_kwh,
            emissions_kg, marginal_emissions_kg, cost, currency, green_share, jobs_total, jobs_completed, deadline_misses, jobs_unfinished,
            mean_delay_hours, inference_unserved_fraction, wall_seconds)
        VALUES (1, 0, 'run-now', 1000, 800, 200, 0, 5, 400, NULL, 90, 'CNY', 0.2, 10, 9, 1, 1, 0.5, 0.01, 2.5);
        """;

    [Theory]
    [InlineData("unversioned")]
    [InlineData("first-release")]
    public async Task ADatabaseFromBeforeVersioning_Migrates_KeepsItsRuns_AndTakesNewRunsAndSignals(string made)
    {
        using var dir = new TempFolder();
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(dir.Path, "tandem.db");
        Execute(path, (made == "unversioned" ? UnversionedSchema : FirstReleaseSchema) + OldRun);
        Assert.Equal(0, Scalar(path, "PRAGMA user_version"));

        using (var store = await SqliteRunStore.OpenAsync(path, ct))
        {
            var old = Assert.Single(await store.ListAsync(ct));
            Assert.Equal("old", old.Scenario);
            var p = Assert.Single(old.Policies);
            Assert.Equal(("run-now", 1000.0, 9, "", 0.0), (p.Policy, p.EnergyKwh, p.JobsCompleted, p.ObjectiveName, p.Objective));
            var summary = p with { Policy = "wait-awhile", ObjectiveName = "emissions", Objective = 321 };
            Assert.Equal(2, await store.SaveAsync(new RunRecord(0, DateTimeOffset.UnixEpoch, "new", 24, 60, "/tmp/new", [summary]), ct));
            Assert.Equal(summary, (await store.GetAsync(2, ct))!.Policies[0]);
        }
        Assert.Equal(SqliteDatabase.LatestVersion, Scalar(path, "PRAGMA user_version"));

        var june = new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
        using (var signals = SqliteSignalStore.Open(path))
            signals.Import([new SignalSeries("CN-NX", SignalKind.Carbon, new Series<double>(new TimeGrid(june, TimeSpan.FromHours(1), 2), [600, 610]))]);
        using var again = await SqliteRunStore.OpenAsync(path, ct);
        Assert.Equal(["new", "old"], (await again.ListAsync(ct)).Select(r => r.Scenario));
    }

    [Fact]
    public void AFreshDatabase_GetsEveryStep_AndReopeningRunsNoneAgain()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "tandem.db");
        using (SqliteDatabase.Open(path)) { }
        Assert.Equal(SqliteDatabase.LatestVersion, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(4, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'run_policies', 'signal_series', 'signal_chunks')"));
        using (var c = SqliteDatabase.Open(path)) Assert.Equal(SqliteDatabase.LatestVersion, SqliteDatabase.Version(c));
    }

    [Fact]
    public async Task ADatabaseFromANewerTandem_IsRefused_AndLeftAlone()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "tandem.db");
        Execute(path, "CREATE TABLE future (x INTEGER); PRAGMA user_version = 99;");
        var e = await Assert.ThrowsAsync<StoreException>(() => SqliteRunStore.OpenAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal($"{path}: the database has schema version 99, newer than this Tandem's {SqliteDatabase.LatestVersion}; use a newer Tandem or another --db", e.Message);
        Assert.Equal(99, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'runs'"));
    }

    [Fact]
    public void AFileThatIsNotADatabase_IsRefused_NamingIt_AndLeftAlone()
    {
        using var dir = new TempFolder();
        const string text = "Not a database: a text file, long enough to fill the hundred bytes a SQLite header would take up.\n";
        var path = dir.Write("notes.db", text);
        var e = Assert.Throws<StoreException>(() => SqliteDatabase.Open(path));
        Assert.StartsWith($"{path}: cannot open it as a Tandem database (SQLite): ", e.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(e.InnerException);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(["notes.db"], Directory.EnumerateFiles(dir.Path).Select(f => Path.GetFileName(f)!));
    }

    [Fact]
    public void APathWhereNoDatabaseCanBeCreated_IsRefused_NamingIt()
    {
        var e = Assert.Throws<StoreException>(() => SqliteDatabase.Open("/proc/x/t.db"));
        Assert.StartsWith("/proc/x/t.db: ", e.Message, StringComparison.Ordinal);
    }
}
