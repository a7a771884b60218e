using System.Data.Common;

namespace Tandem.Storage.Schema;

/// <summary>The database behind --db: a PostgreSQL connection string (<see cref="PostgresDatabase"/>) or a SQLite file
/// path (<see cref="SqliteDatabase"/>), opened and migrated. The one place the choice is made.</summary>
public static class StoreDatabase
{
    /// <summary>Opens <paramref name="db"/>.</summary>
    public static DbConnection Open(string db) => PostgresDatabase.IsConnectionString(db) ? PostgresDatabase.Open(db) : SqliteDatabase.Open(db);
}
