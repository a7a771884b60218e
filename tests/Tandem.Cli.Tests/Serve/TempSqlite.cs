namespace Tandem.Cli.Tests.Serve;

/// <summary>A SQLite file in the temporary folder for one test, and its removal with the WAL files beside it.</summary>
internal static class TempSqlite
{
    public static string NewPath(string what) => Path.Combine(Path.GetTempPath(), $"tandem-{what}-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }
}
