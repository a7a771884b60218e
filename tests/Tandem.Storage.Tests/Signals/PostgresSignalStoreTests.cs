using Tandem.Storage.Signals;
using Tandem.Storage.Tests.Testing;

namespace Tandem.Storage.Tests.Signals;

/// <summary>The signal store against a real PostgreSQL server (<see cref="PostgresServer"/>), each test in a database of
/// its own, dropped afterwards.</summary>
public sealed class PostgresSignalStoreTests : SignalStoreContract
{
    private string? _database;

    protected override ISignalStore Open(string name)
    {
        _database ??= PostgresServer.CreateDatabase();
        return PostgresSignalStore.Open(PostgresServer.ConnectionString(_database));
    }

    public override void Dispose()
    {
        if (_database is not null) PostgresServer.DropDatabase(_database);
    }
}
