using System.Data.Common;
using Npgsql;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Signals;

/// <summary>Signals in PostgreSQL, for servers (<see cref="DbSignalStore"/>; schema by <see cref="PostgresDatabase"/>).</summary>
public sealed class PostgresSignalStore : DbSignalStore
{
    private PostgresSignalStore(NpgsqlConnection connection) : base(connection) { }

    /// <summary>Connects to the database <paramref name="connectionString"/> names and migrates it.</summary>
    public static PostgresSignalStore Open(string connectionString) => new(PostgresDatabase.Open(connectionString));

    /// <inheritdoc />
    protected override DbTransaction BeginWrite(DbConnection connection)
    {
        var tx = ((NpgsqlConnection)connection).BeginTransaction();
        // One importer at a time, as SQLite's BEGIN IMMEDIATE gives: the read-modify-write of a chunk must not interleave.
        using var cmd = new NpgsqlCommand("LOCK TABLE signal_series IN EXCLUSIVE MODE", (NpgsqlConnection)connection, tx);
        cmd.ExecuteNonQuery();
        return tx;
    }
}
