using Npgsql;

namespace Tandem.Storage.Tests.Testing;

/// <summary>The PostgreSQL server the tests use: TANDEM_TEST_POSTGRES (a connection string to a database the user may
/// create databases from; default Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres, as .ci/postgres-up.sh
/// starts). A test skips, saying so, when no server answers, and fails instead when TANDEM_REQUIRE_POSTGRES=1 (as in CI).</summary>
public static class PostgresServer
{
    private static string Admin => Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres";

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Admin) { Database = database, Pooling = false }.ToString();

    /// <summary>A new empty database, by name; skips (or fails) the test when the server is not reachable.</summary>
    public static string CreateDatabase()
    {
        var name = $"tandem_test_{Guid.NewGuid():N}";
        try
        {
            using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false, Timeout = 5 }.ToString());
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
            return name;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            if (Environment.GetEnvironmentVariable("TANDEM_REQUIRE_POSTGRES") == "1")
                Assert.Fail($"TANDEM_REQUIRE_POSTGRES=1 but no PostgreSQL answered at {Admin}: {e.Message}");
            Assert.Skip($"no PostgreSQL answered at {Admin} (start one with .ci/postgres-up.sh, or set TANDEM_TEST_POSTGRES): {e.Message}");
            throw;
        }
    }

    public static void DropDatabase(string name)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false }.ToString());
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }
}
