using System.Data.Common;
using Microsoft.Data.Sqlite;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Signals;

/// <summary>Signals in the embedded SQLite file runs also use (<see cref="DbSignalStore"/>).</summary>
public sealed class SqliteSignalStore : DbSignalStore
{
    private SqliteSignalStore(SqliteConnection connection) : base(connection) { }

    /// <summary>Opens (creating and migrating if needed, see <see cref="SqliteDatabase"/>) the database at
    /// <paramref name="path"/>.</summary>
    public static SqliteSignalStore Open(string path) => new(SqliteDatabase.Open(path));

    /// <summary>SQLite's data version: it moves when another connection commits.</summary>
    protected override long? DataVersion(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA data_version";
        return (long)cmd.ExecuteScalar()!;
    }

    /// <inheritdoc />
    protected override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);
}
