using Tandem.Storage.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>A fresh database for one test of the service: made empty, named as --db takes it, dropped afterwards.</summary>
public interface ITestDatabase
{
    /// <summary>Makes the database and returns it as --db: a SQLite path or a PostgreSQL connection string.</summary>
    string Create();

    /// <summary>Removes what <see cref="Create"/> made.</summary>
    void Drop();
}

/// <summary>A SQLite file in the temporary folder.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    /// <summary>The file.</summary>
    public string Path { get; } = TempSqlite.NewPath("serve");

    public string Create() => Path;

    public void Drop() => TempSqlite.Delete(Path);
}

/// <summary>A database on the PostgreSQL test server (the test skips without one unless TANDEM_REQUIRE_POSTGRES=1).</summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    private string? _name;

    public string Create() => PostgresServer.ConnectionString(_name = PostgresServer.CreateDatabase());

    public void Drop()
    {
        if (_name is not null) PostgresServer.DropDatabase(_name);
    }
}
