using System.Data;
using System.Data.Common;
using System.Threading.Channels;
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
/// look-up and insert run in one writer's transaction, and the database's unique constraint keeps a second row out in
/// any case.</summary>
public sealed class JobStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Lock _gate = new();
    private readonly Lock _writerGate = new();
    private readonly Channel<PendingSubmit> _queue = Channel.CreateUnbounded<PendingSubmit>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _writer;

    private JobStore(DbConnection connection) => _connection = connection;

    /// <summary>Opens the job store in the database <paramref name="db"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static JobStore Open(string db) => new(StoreDatabase.Open(db));

    /// <summary>Submits <paramref name="requestJson"/> for <paramref name="tenant"/> under <paramref name="idempotencyKey"/>.
    /// Submissions that arrive together are written in one transaction (group commit): each is answered once its
    /// transaction has committed, so a job answered as created is on disk, and one commit serves many.</summary>
    public Task<(SubmitOutcome Outcome, StoredJob Job)> SubmitAsync(string tenant, string idempotencyKey, string requestJson, DateTimeOffset now)
    {
        var pending = new PendingSubmit(tenant, idempotencyKey, requestJson, now);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(JobStore));
        lock (_writerGate) _writer ??= Task.Run(WriteLoop);
        return pending.Done.Task;
    }

    /// <summary>Submits one job and waits for it to be written.</summary>
    public (SubmitOutcome Outcome, StoredJob Job) Submit(string tenant, string idempotencyKey, string requestJson, DateTimeOffset now) =>
        SubmitAsync(tenant, idempotencyKey, requestJson, now).GetAwaiter().GetResult();

    private sealed record PendingSubmit(string Tenant, string Key, string Json, DateTimeOffset Now)
    {
        public TaskCompletionSource<(SubmitOutcome, StoredJob)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Writes what is queued, a batch (up to <see cref="MaxBatch"/>) per transaction, until the store is disposed.</summary>
    private async Task WriteLoop()
    {
        var batch = new List<PendingSubmit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            (SubmitOutcome, StoredJob)[] results;
            try
            {
                lock (_gate) results = WriteBatch(batch);
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One submission's failure must not fail the others: each is written again on its own.
                foreach (var p in batch)
                {
                    try
                    {
                        lock (_gate) p.Done.TrySetResult(WriteBatch([p])[0]);
                    }
                    catch (Exception e)
                    {
                        p.Done.TrySetException(e);
                    }
                }
                continue;
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
                continue;
            }
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
    }

    private const int MaxBatch = 512;

    private (SubmitOutcome, StoredJob)[] WriteBatch(List<PendingSubmit> batch)
    {
        var results = new (SubmitOutcome, StoredJob)[batch.Count];
        using var tx = StoreDatabase.BeginWrite(_connection);
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            // An earlier submit under the key, also one earlier in this batch (same transaction), answers it.
            if (Previous(p.Tenant, p.Key, p.Json, tx) is { } earlier) { results[i] = earlier; continue; }
            var job = new StoredJob($"job-{Guid.NewGuid():N}", p.Tenant, "queued", p.Json, DateTimeOffset.FromUnixTimeSeconds(p.Now.ToUnixTimeSeconds()));
            using var cmd = Command("""
                INSERT INTO jobs (id, tenant, idempotency_key, request_sha256, status, request_json, submitted_unix_s)
                VALUES (@id, @tenant, @key, @hash, @status, @json, @at)
                ON CONFLICT (tenant, idempotency_key) DO NOTHING
                """, tx);
            DbParameters.Add(cmd, "@id", DbType.String, job.Id);
            DbParameters.Add(cmd, "@tenant", DbType.String, p.Tenant);
            DbParameters.Add(cmd, "@key", DbType.String, p.Key);
            DbParameters.Add(cmd, "@hash", DbType.String, Hash(p.Json));
            DbParameters.Add(cmd, "@status", DbType.String, job.Status);
            DbParameters.Add(cmd, "@json", DbType.String, p.Json);
            DbParameters.Add(cmd, "@at", DbType.Int64, p.Now.ToUnixTimeSeconds());
            // No row: another service on the same database inserted the pair first; its row is the answer.
            results[i] = cmd.ExecuteNonQuery() == 1 ? (SubmitOutcome.Created, job) : Previous(p.Tenant, p.Key, p.Json, tx)!.Value;
        }
        tx.Commit();
        return results;
    }

    /// <summary>What an earlier submit under (<paramref name="tenant"/>, <paramref name="idempotencyKey"/>) means for
    /// this one: the same request (a retry) or another; null if the key is new.</summary>
    public (SubmitOutcome Outcome, StoredJob Job)? Previous(string tenant, string idempotencyKey, string requestJson)
    {
        lock (_gate) return Previous(tenant, idempotencyKey, requestJson, null);
    }

    private (SubmitOutcome Outcome, StoredJob Job)? Previous(string tenant, string idempotencyKey, string requestJson, DbTransaction? tx)
    {
        if (Find("tenant = @tenant AND idempotency_key = @key", tenant, idempotencyKey, tx) is not { } existing) return null;
        return (existing.Hash == Hash(requestJson) ? SubmitOutcome.Repeated : SubmitOutcome.KeyReused, existing.Job);
    }

    private static string Hash(string requestJson) => Digest.Sha256Hex(requestJson);

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

    /// <summary>Finishes the submissions queued, then closes the connection.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_writerGate) writer = _writer;
        writer?.GetAwaiter().GetResult();
        _connection.Dispose();
    }

    private (StoredJob Job, string Hash)? Find(string where, string a, string? b, DbTransaction? tx = null)
    {
        using var cmd = Command($"SELECT id, tenant, status, request_json, submitted_unix_s, request_sha256 FROM jobs WHERE {where}", tx);
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

    private DbCommand Command(string sql, DbTransaction? tx = null) => DbParameters.Command(_connection, sql, tx);
}
