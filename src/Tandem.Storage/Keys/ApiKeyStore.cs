using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Keys;

/// <summary>What a key may do: <c>admin</c> everything; <c>tenant</c> its own jobs; <c>grid</c> signals and grid events;
/// <c>read</c> reads.</summary>
public enum ApiRole { Admin, Tenant, Grid, Read }

/// <summary>A key as stored: its name, role, tenant (for a tenant key) and whether it is revoked. The key itself is
/// never stored, only its SHA-256.</summary>
public sealed record ApiKeyInfo(string Name, ApiRole Role, string? Tenant, DateTimeOffset Created, DateTimeOffset? Revoked);

/// <summary>API keys in the service's database (SQLite or PostgreSQL, table api_keys). A key is 32 random bytes,
/// shown once when made; the store keeps only its SHA-256 (a key has 256 bits of entropy, so a fast hash is safe where a
/// password would need a slow one) and finds a presented key by that hash.</summary>
public sealed class ApiKeyStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Lock _gate = new();

    private ApiKeyStore(DbConnection connection) => _connection = connection;

    /// <summary>Opens the key store in the database <paramref name="db"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static ApiKeyStore Open(string db) =>
        new(StoreDatabase.Open(db));

    /// <summary>Role names as written in commands and the table.</summary>
    public static string RoleName(ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The role named <paramref name="name"/>, or null.</summary>
    public static ApiRole? ParseRole(string? name) => name switch { "admin" => ApiRole.Admin, "tenant" => ApiRole.Tenant, "grid" => ApiRole.Grid, "read" => ApiRole.Read, _ => null };

    /// <summary>Makes a key and returns it (the only time it is seen). Throws <see cref="StoreException"/> for a name
    /// already used, a blank name, or a tenant key without a tenant.</summary>
    public string Add(string name, ApiRole role, string? tenant, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name != name.Trim()) throw new StoreException($"--name: '{name}' must be a name without spaces around it");
        if (role == ApiRole.Tenant && string.IsNullOrWhiteSpace(tenant)) throw new StoreException("--tenant: a tenant key needs the tenant it acts for");
        if (role != ApiRole.Tenant && tenant is not null) throw new StoreException("--tenant: only a tenant key has a tenant");
        var key = "tdm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            if (Find(name) is not null) throw new StoreException($"--name: a key named '{name}' exists already");
            using var cmd = Command("INSERT INTO api_keys (name, role, tenant, key_sha256, created_unix_s) VALUES (@name, @role, @tenant, @hash, @created)");
            DbParameters.Add(cmd, "@name", DbType.String, name);
            DbParameters.Add(cmd, "@role", DbType.String, RoleName(role));
            DbParameters.Add(cmd, "@tenant", DbType.String, (object?)tenant ?? DBNull.Value);
            DbParameters.Add(cmd, "@hash", DbType.String, Hash(key));
            DbParameters.Add(cmd, "@created", DbType.Int64, now.ToUnixTimeSeconds());
            cmd.ExecuteNonQuery();
        }
        return key;
    }

    /// <summary>The key <paramref name="presented"/> stands for, if it is known and not revoked.</summary>
    public ApiKeyInfo? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200) return null;
        lock (_gate)
        {
            using var cmd = Command("SELECT name, role, tenant, created_unix_s, revoked_unix_s FROM api_keys WHERE key_sha256 = @hash");
            DbParameters.Add(cmd, "@hash", DbType.String, Hash(presented));
            var info = Read(cmd).FirstOrDefault();
            return info is { Revoked: null } ? info : null;
        }
    }

    /// <summary>Every key, by name.</summary>
    public IReadOnlyList<ApiKeyInfo> List()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT name, role, tenant, created_unix_s, revoked_unix_s FROM api_keys ORDER BY name");
            return Read(cmd);
        }
    }

    /// <summary>Revokes the key named <paramref name="name"/>; false if there is none.</summary>
    public bool Revoke(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var cmd = Command("UPDATE api_keys SET revoked_unix_s = @now WHERE name = @name AND revoked_unix_s IS NULL");
            DbParameters.Add(cmd, "@now", DbType.Int64, now.ToUnixTimeSeconds());
            DbParameters.Add(cmd, "@name", DbType.String, name);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>The hex SHA-256 of a key, as stored.</summary>
    public static string Hash(string key) => Digest.Sha256Hex(key);

    private ApiKeyInfo? Find(string name)
    {
        using var cmd = Command("SELECT name, role, tenant, created_unix_s, revoked_unix_s FROM api_keys WHERE name = @name");
        DbParameters.Add(cmd, "@name", DbType.String, name);
        return Read(cmd).FirstOrDefault();
    }

    private static List<ApiKeyInfo> Read(DbCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<ApiKeyInfo>();
        while (r.Read())
            list.Add(new ApiKeyInfo(r.GetString(0), ParseRole(r.GetString(1)) ?? throw new StoreException($"key {r.GetString(0)}: unknown role '{r.GetString(1)}'"),
                r.IsDBNull(2) ? null : r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3)),
                r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4))));
        return list;
    }

    private DbCommand Command(string sql) => DbParameters.Command(_connection, sql);
}
