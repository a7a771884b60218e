using System.Data.Common;

namespace Tandem.Storage.Schema;

/// <summary>The database behind --db: a PostgreSQL connection string (<see cref="PostgresDatabase"/>) or a SQLite file
/// path (<see cref="SqliteDatabase"/>), opened and migrated. The one place the choice is made.</summary>
public static class StoreDatabase
{
    /// <summary>Opens <paramref name="db"/>.</summary>
    public static DbConnection Open(string db) => PostgresDatabase.IsConnectionString(db) ? PostgresDatabase.Open(db) : SqliteDatabase.Open(db);

    /// <summary>A transaction that will write: on SQLite it takes the write lock at once (BEGIN IMMEDIATE), so one that
    /// reads before it writes cannot fail when another connection commits in between; a second writer waits for it.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();
}
