using Npgsql;

namespace Tandem.Storage.Schema;

/// <summary>A PostgreSQL database for `tandem serve --db "Host=...;..."`. Opening it brings its schema up to date: the
/// version lives in table tandem_schema, and the missing steps run in one transaction (holding an advisory lock, so
/// two servers starting together migrate once) that also records the version they reach. A database from a newer
/// Tandem is refused. It holds the signal store; runs stay in SQLite for now.</summary>
public static class PostgresDatabase
{
    private const long MigrationLock = 0x54616E64656D; // "Tandem"

    /// <summary>Every step, in order; step i has version i + 1. A step is never edited once released.</summary>
    private static readonly (int Version, string Sql)[] Steps =
    [
        (1, """
            CREATE TABLE signal_series (
                zone TEXT NOT NULL,
                kind TEXT NOT NULL,
                unit TEXT NOT NULL,
                step_seconds BIGINT NOT NULL CHECK (step_seconds > 0),
                origin_unix_s BIGINT NOT NULL,
                currency TEXT,
                PRIMARY KEY (zone, kind)
            );
            CREATE TABLE signal_chunks (
                zone TEXT NOT NULL,
                kind TEXT NOT NULL,
                chunk_start_unix_s BIGINT NOT NULL,
                first_unix_s BIGINT NOT NULL,
                end_unix_s BIGINT NOT NULL,
                value_count INTEGER NOT NULL CHECK (value_count > 0),
                values_f64 BYTEA NOT NULL,
                FOREIGN KEY (zone, kind) REFERENCES signal_series (zone, kind) ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX signal_chunks_by_zone_kind_time ON signal_chunks (zone, kind, chunk_start_unix_s);
            """),
        // The same DDL as SQLite's step 4; both steps are released and so never edited.
        (2, SqliteMigrations.ApiKeysTable),
        (3, SqliteMigrations.JobsTable),
        // SQLite's step 6 rebuilds the table for the new status; PostgreSQL swaps the check in place.
        (4, """
            ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_status_check;
            ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'admitted', 'cancelled'));
            """ + SqliteMigrations.LiveTables),
        (5, SqliteMigrations.FleetEditsTable),
    ];

    /// <summary>The schema version this build writes and reads.</summary>
    public static int LatestVersion => Steps[^1].Version;

    /// <summary>Whether <paramref name="db"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsConnectionString(string db) => db.Contains("Host=", StringComparison.OrdinalIgnoreCase) && db.Contains(';', StringComparison.Ordinal);

    /// <summary>Opens a connection and migrates the database to <see cref="LatestVersion"/>. Throws
    /// <see cref="StoreException"/> naming the server (never the password) when it cannot connect or the schema is newer.</summary>
    public static NpgsqlConnection Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e) { throw new StoreException($"--db: not a PostgreSQL connection string: {e.Message}", e); }
        var where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            Migrate(connection, where);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new StoreException($"{where}: cannot open it as a Tandem database: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version recorded in the database (0 for an empty one).</summary>
    public static int Version(NpgsqlConnection connection, NpgsqlTransaction? tx = null)
    {
        using var cmd = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM tandem_schema", connection, tx);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Migrate(NpgsqlConnection connection, string where)
    {
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS tandem_schema (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());");
        var version = Version(connection, tx);
        if (version > LatestVersion)
            throw new StoreException($"{where}: the database has schema version {version}, newer than this Tandem's {LatestVersion}; use a newer Tandem or another --db");
        foreach (var (v, sql) in Steps.Where(s => s.Version > version))
        {
            Execute(connection, tx, sql);
            Execute(connection, tx, $"INSERT INTO tandem_schema (version) VALUES ({v})");
        }
        tx.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }
}
