using Microsoft.Data.Sqlite;

namespace Tandem.Storage.Schema;

/// <summary>The schema of the Tandem database, as ordered steps. A step is never edited once released: a change is a
/// new step at the end. Databases written before the schema was versioned (user_version 0) hold the tables of step 1,
/// with or without the columns step 2 adds; both steps are written to leave such a database as they find it.</summary>
internal static class SqliteMigrations
{
    /// <summary>Every step, in order; step i has version i + 1.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "runs and their policy totals", (c, tx) => Execute(c, tx, """
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
            """)),
        new(2, "each policy's objective (name and value)", (c, tx) =>
        {
            // Databases made after objectives were added, but before versioning, have these columns already.
            if (!HasColumn(c, tx, "run_policies", "objective_name"))
                Execute(c, tx, "ALTER TABLE run_policies ADD COLUMN objective_name TEXT NOT NULL DEFAULT ''");
            if (!HasColumn(c, tx, "run_policies", "objective"))
                Execute(c, tx, "ALTER TABLE run_policies ADD COLUMN objective REAL NOT NULL DEFAULT 0");
        }),
        new(3, "the signal store: series by zone and kind, values in chunks indexed by time", (c, tx) => Execute(c, tx, """
            CREATE TABLE signal_series (
                zone TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit TEXT NOT NULL,
                step_seconds INTEGER NOT NULL CHECK (step_seconds > 0),
                origin_unix_s INTEGER NOT NULL,
                currency TEXT,
                PRIMARY KEY (zone, kind)
            ) WITHOUT ROWID;
            CREATE TABLE signal_chunks (
                zone TEXT NOT NULL,
                kind TEXT NOT NULL,
                chunk_start_unix_s INTEGER NOT NULL,
                first_unix_s INTEGER NOT NULL,
                end_unix_s INTEGER NOT NULL,
                value_count INTEGER NOT NULL CHECK (value_count > 0),
                values_f64 BLOB NOT NULL,
                FOREIGN KEY (zone, kind) REFERENCES signal_series (zone, kind) ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX signal_chunks_by_zone_kind_time ON signal_chunks (zone, kind, chunk_start_unix_s);
            """)),
        new(4, "the service's API keys, stored as hashes", (c, tx) => Execute(c, tx, ApiKeysTable)),
        new(5, "jobs submitted to the service, one per (tenant, idempotency key)", (c, tx) => Execute(c, tx, JobsTable)),
        new(6, "the live loop: jobs admitted to a run, the runs' progress, every command issued", (c, tx) => Execute(c, tx, """
            CREATE TABLE jobs_v6 (
                id TEXT NOT NULL PRIMARY KEY,
                tenant TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                request_sha256 TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'admitted', 'cancelled')),
                request_json TEXT NOT NULL,
                submitted_unix_s BIGINT NOT NULL,
                UNIQUE (tenant, idempotency_key)
            );
            INSERT INTO jobs_v6 SELECT id, tenant, idempotency_key, request_sha256, status, request_json, submitted_unix_s FROM jobs;
            DROP TABLE jobs;
            ALTER TABLE jobs_v6 RENAME TO jobs;
            CREATE INDEX jobs_by_tenant ON jobs (tenant, submitted_unix_s);
            """ + LiveTables)),
        new(7, "the live loop: operators' fleet edits, each with the step it holds from", (c, tx) => Execute(c, tx, FleetEditsTable)),
    ];

    /// <summary>The live loop's tables, in SQL both SQLite and PostgreSQL take: a run's progress (the next step to run),
    /// the jobs admitted to it (at which step, and where each stands), and every command it issued, in order.</summary>
    internal const string LiveTables = """
        CREATE TABLE live_runs (
            run TEXT NOT NULL PRIMARY KEY,
            policy TEXT NOT NULL,
            next_step INTEGER NOT NULL,
            updated_unix_s BIGINT NOT NULL
        );
        CREATE TABLE live_jobs (
            run TEXT NOT NULL,
            job_id TEXT NOT NULL,
            admitted_step INTEGER NOT NULL,
            status TEXT NOT NULL,
            detail_json TEXT NOT NULL,
            PRIMARY KEY (run, job_id)
        );
        CREATE INDEX live_jobs_by_job ON live_jobs (job_id);
        CREATE TABLE live_actions (
            run TEXT NOT NULL,
            seq INTEGER NOT NULL,
            step INTEGER NOT NULL,
            command_json TEXT NOT NULL,
            PRIMARY KEY (run, seq)
        );
        """;

    /// <summary>Operators' changes to a live run's fleet, in SQL both SQLite and PostgreSQL take: in the order they were
    /// made, each with the step it holds from, its kind, the site and the request that made it.</summary>
    internal const string FleetEditsTable = """
        CREATE TABLE live_fleet_edits (
            run TEXT NOT NULL,
            seq INTEGER NOT NULL,
            step INTEGER NOT NULL,
            kind TEXT NOT NULL,
            site TEXT NOT NULL,
            body_json TEXT NOT NULL,
            made_unix_s BIGINT NOT NULL,
            PRIMARY KEY (run, seq)
        );
        """;

    /// <summary>The jobs table, in SQL both SQLite and PostgreSQL take.</summary>
    internal const string JobsTable = """
        CREATE TABLE jobs (
            id TEXT NOT NULL PRIMARY KEY,
            tenant TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_sha256 TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'cancelled')),
            request_json TEXT NOT NULL,
            submitted_unix_s BIGINT NOT NULL,
            UNIQUE (tenant, idempotency_key)
        );
        CREATE INDEX jobs_by_tenant ON jobs (tenant, submitted_unix_s);
        """;

    /// <summary>The api_keys table, in SQL both SQLite and PostgreSQL take: only the SHA-256 of a key is kept.</summary>
    internal const string ApiKeysTable = """
        CREATE TABLE api_keys (
            name TEXT NOT NULL PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('admin', 'tenant', 'grid', 'read')),
            tenant TEXT,
            key_sha256 TEXT NOT NULL UNIQUE,
            created_unix_s BIGINT NOT NULL,
            revoked_unix_s BIGINT
        );
        """;

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction tx, string table, string column)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = $c";
        cmd.Parameters.AddWithValue("$t", table);
        cmd.Parameters.AddWithValue("$c", column);
        return (long)cmd.ExecuteScalar()! > 0;
    }
}
