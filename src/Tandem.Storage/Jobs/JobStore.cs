using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Jobs;

/// <summary>A job as the service holds it: its id, tenant, status and the request it was submitted with (JSON, as
/// received after validation).</summary>
public sealed record StoredJob(string Id, string Tenant, string Status, string RequestJson, DateTimeOffset Submitted);

/// <summary>What a submission did: made the job, found the same submission made before (a retry), or found the key
/// used before for a different request.</summary>
public enum SubmitOutcome { Created, Repeated, KeyReused }

/// <summary>Jobs submitted to the service (table jobs, in SQLite or PostgreSQL). A submission carries an idempotency key;
/// the pair (tenant, key) is unique in the table, so a retried submit never makes a second job: within one service the
/// look-up and insert run under one lock, and the database's unique constraint refuses a second row in any case.</summary>
public sealed class JobStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Lock _gate = new();

    private JobStore(DbConnection connection) => _connection = connection;

    /// <summary>Opens the job store in the database <paramref name="db"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static JobStore Open(string db) => new(StoreDatabase.Open(db));

    /// <summary>Submits <paramref name="requestJson"/> for <paramref name="tenant"/> under <paramref name="idempotencyKey"/>.</summary>
    public (SubmitOutcome Outcome, StoredJob Job) Submit(string tenant, string idempotencyKey, string requestJson, DateTimeOffset now)
    {
        var hash = Hash(requestJson);
        lock (_gate)
        {
            if (Previous(tenant, idempotencyKey, requestJson) is { } earlier) return earlier;
            var job = new StoredJob($"job-{Guid.NewGuid():N}", tenant, "queued", requestJson, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));
            using var cmd = Command("""
                INSERT INTO jobs (id, tenant, idempotency_key, request_sha256, status, request_json, submitted_unix_s)
                VALUES (@id, @tenant, @key, @hash, @status, @json, @at)
                """);
            DbParameters.Add(cmd, "@id", DbType.String, job.Id);
            DbParameters.Add(cmd, "@tenant", DbType.String, tenant);
            DbParameters.Add(cmd, "@key", DbType.String, idempotencyKey);
            DbParameters.Add(cmd, "@hash", DbType.String, hash);
            DbParameters.Add(cmd, "@status", DbType.String, job.Status);
            DbParameters.Add(cmd, "@json", DbType.String, requestJson);
            DbParameters.Add(cmd, "@at", DbType.Int64, now.ToUnixTimeSeconds());
            try
            {
                cmd.ExecuteNonQuery();
            }
            catch (DbException) when (Previous(tenant, idempotencyKey, requestJson) is { } raced)
            {
                // Another service on the same database inserted the pair first: its row is the answer.
                return raced;
            }
            return (SubmitOutcome.Created, job);
        }
    }

    /// <summary>What an earlier submit under (<paramref name="tenant"/>, <paramref name="idempotencyKey"/>) means for
    /// this one: the same request (a retry) or another; null if the key is new.</summary>
    public (SubmitOutcome Outcome, StoredJob Job)? Previous(string tenant, string idempotencyKey, string requestJson)
    {
        lock (_gate)
        {
            if (Find("tenant = @tenant AND idempotency_key = @key", tenant, idempotencyKey) is not { } existing) return null;
            return (existing.Hash == Hash(requestJson) ? SubmitOutcome.Repeated : SubmitOutcome.KeyReused, existing.Job);
        }
    }

    private static string Hash(string requestJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestJson)));

    /// <summary>The job with id <paramref name="id"/>, or null.</summary>
    public StoredJob? Get(string id)
    {
        lock (_gate) return Find("id = @id", id, null)?.Job;
    }

    /// <summary>The jobs of <paramref name="tenant"/> (every tenant's when null), oldest first.</summary>
    public IReadOnlyList<StoredJob> List(string? tenant)
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT id, tenant, status, request_json, submitted_unix_s, request_sha256 FROM jobs{(tenant is null ? "" : " WHERE tenant = @tenant")} ORDER BY submitted_unix_s, id");
            if (tenant is not null) DbParameters.Add(cmd, "@tenant", DbType.String, tenant);
            return Read(cmd).Select(x => x.Job).ToList();
        }
    }

    /// <summary>Cancels a queued job; false if it is not queued.</summary>
    public bool Cancel(string id)
    {
        lock (_gate)
        {
            using var cmd = Command("UPDATE jobs SET status = 'cancelled' WHERE id = @id AND status = 'queued'");
            DbParameters.Add(cmd, "@id", DbType.String, id);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private (StoredJob Job, string Hash)? Find(string where, string a, string? b)
    {
        using var cmd = Command($"SELECT id, tenant, status, request_json, submitted_unix_s, request_sha256 FROM jobs WHERE {where}");
        if (where.StartsWith("id", StringComparison.Ordinal)) DbParameters.Add(cmd, "@id", DbType.String, a);
        else
        {
            DbParameters.Add(cmd, "@tenant", DbType.String, a);
            DbParameters.Add(cmd, "@key", DbType.String, b!);
        }
        return Read(cmd) is [var only] ? only : null;
    }

    private static List<(StoredJob Job, string Hash)> Read(DbCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<(StoredJob, string)>();
        while (r.Read())
            list.Add((new StoredJob(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4))), r.GetString(5)));
        return list;
    }

    private DbCommand Command(string sql) => DbParameters.Command(_connection, sql);
}
