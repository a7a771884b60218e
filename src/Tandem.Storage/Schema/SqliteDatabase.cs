using Microsoft.Data.Sqlite;

namespace Tandem.Storage.Schema;

/// <summary>The one SQLite file runs and signals share. Opening it brings its schema up to date: the version lives in
/// PRAGMA user_version, and the missing steps of <see cref="SqliteMigrations"/> run in one transaction that also
/// records the version they reach, so a failed step leaves the database as it was. A database from a newer Tandem is refused.</summary>
public static class SqliteDatabase
{
    /// <summary>The schema version this build writes and reads.</summary>
    public static int LatestVersion => SqliteMigrations.All[^1].Version;

    /// <summary>Opens (creating the file and its folder if needed) the database at <paramref name="path"/>, in WAL
    /// mode with foreign keys on, and migrates it to <see cref="LatestVersion"/>. Throws <see cref="StoreException"/>
    /// for a database whose schema is newer than this build, and for a file that is not a SQLite database or a path
    /// where none can be opened or created; the message names the file.</summary>
    public static SqliteConnection Open(string path)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{path}: cannot create the database's folder: {e.Message}", e);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;";
                cmd.ExecuteNonQuery();
            }
            Migrate(connection, path);
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            throw new StoreException($"{path}: cannot open it as a Tandem database (SQLite): {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version recorded in the database.</summary>
    public static int Version(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        if (Version(connection) == LatestVersion) return;
        // BEGIN IMMEDIATE: a second process opening the same file waits here, then finds the work done.
        using var tx = connection.BeginTransaction(deferred: false);
        var version = Version(connection, tx);
        if (version > LatestVersion)
            throw new StoreException($"{path}: the database has schema version {version}, newer than this Tandem's {LatestVersion}; use a newer Tandem or another --db");
        foreach (var step in SqliteMigrations.All.Where(m => m.Version > version))
        {
            step.Apply(connection, tx);
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"PRAGMA user_version = {step.Version}";
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
