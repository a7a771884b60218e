using System.Data;
using System.Data.Common;
using Tandem.Storage.Jobs;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Live;

/// <summary>Where a live run stands: its policy and the next step it will run.</summary>
public sealed record LiveProgress(string Policy, int NextStep);

/// <summary>A job's place in a live run: the step it was admitted at, its status and the detail the service shows
/// (JSON: planned start, site, level, reason).</summary>
public sealed record LiveJob(string JobId, int AdmittedStep, string Status, string DetailJson);

/// <summary>An operator's change to a live run's fleet: its sequence number, the step it holds from, its kind, the site
/// and the request body that made it (JSON), and when it was made.</summary>
public sealed record LiveFleetEdit(long Seq, int Step, string Kind, string Site, string BodyJson, DateTimeOffset Made);

/// <summary>A command a live run issued: its sequence number in the run, its step and the command as JSON.</summary>
public sealed record LiveAction(long Seq, int Step, string CommandJson);

/// <summary>The live loop's state in the database (tables live_runs, live_jobs, live_actions), written so a restart
/// resumes without losing or repeating anything: queued jobs are claimed and booked to the run in one transaction
/// (a job is admitted once, and a cancel after that finds it no longer queued), and each step's commands, job states
/// and the next step are written in one transaction after the step has run.</summary>
public sealed class LiveStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Lock _gate = new();

    private LiveStore(DbConnection connection) => _connection = connection;

    /// <summary>Opens the live store in <paramref name="db"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static LiveStore Open(string db) => new(StoreDatabase.Open(db));

    /// <summary>The run's progress, or null if it never ran.</summary>
    public LiveProgress? Progress(string run)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT policy, next_step FROM live_runs WHERE run = @run");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            using var r = cmd.ExecuteReader();
            return r.Read() ? new LiveProgress(r.GetString(0), r.GetInt32(1)) : null;
        }
    }

    /// <summary>Moves every queued job to admitted and books it to <paramref name="run"/> at <paramref name="step"/>,
    /// in one transaction; returns them in submission order.</summary>
    public IReadOnlyList<StoredJob> Claim(string run, int step)
    {
        lock (_gate)
        {
            using var tx = StoreDatabase.BeginWrite(_connection);
            var claimed = new List<StoredJob>();
            using (var cmd = Command("UPDATE jobs SET status = 'admitted' WHERE status = 'queued' RETURNING id, tenant, request_json, submitted_unix_s", tx))
            using (var r = cmd.ExecuteReader())
                while (r.Read())
                    claimed.Add(new StoredJob(r.GetString(0), r.GetString(1), "admitted", r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3))));
            foreach (var job in claimed)
            {
                using var ins = Command("INSERT INTO live_jobs (run, job_id, admitted_step, status, detail_json) VALUES (@run, @id, @step, 'admitted', '{}')", tx);
                DbParameters.Add(ins, "@run", DbType.String, run);
                DbParameters.Add(ins, "@id", DbType.String, job.Id);
                DbParameters.Add(ins, "@step", DbType.Int32, step);
                ins.ExecuteNonQuery();
            }
            tx.Commit();
            return claimed.OrderBy(j => j.Submitted).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Records step <paramref name="step"/> of <paramref name="run"/>: its commands (JSON, in order), the new
    /// state of the jobs that changed, and that the next step is step + 1. All or nothing.</summary>
    public void RecordStep(string run, string policy, int step, IReadOnlyList<string> commands, IReadOnlyList<(string JobId, string Status, string DetailJson)> jobs, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var tx = StoreDatabase.BeginWrite(_connection);
            var seq = LastSeq("live_actions", run, tx);
            foreach (var json in commands)
            {
                using var cmd = Command("INSERT INTO live_actions (run, seq, step, command_json) VALUES (@run, @seq, @step, @json)", tx);
                DbParameters.Add(cmd, "@run", DbType.String, run);
                DbParameters.Add(cmd, "@seq", DbType.Int64, ++seq);
                DbParameters.Add(cmd, "@step", DbType.Int32, step);
                DbParameters.Add(cmd, "@json", DbType.String, json);
                cmd.ExecuteNonQuery();
            }
            foreach (var (id, status, detail) in jobs)
            {
                // A cancel asked for meanwhile stays asked for until the job is cancelled (or done first).
                using var cmd = Command("""
                    UPDATE live_jobs SET detail_json = @detail,
                        status = CASE WHEN status = 'cancel-requested' AND @status NOT IN ('cancelled', 'done', 'refused') THEN status ELSE @status END
                    WHERE run = @run AND job_id = @id
                    """, tx);
                DbParameters.Add(cmd, "@status", DbType.String, status);
                DbParameters.Add(cmd, "@detail", DbType.String, detail);
                DbParameters.Add(cmd, "@run", DbType.String, run);
                DbParameters.Add(cmd, "@id", DbType.String, id);
                cmd.ExecuteNonQuery();
            }
            using (var up = Command("UPDATE live_runs SET next_step = @next, policy = @policy, updated_unix_s = @at WHERE run = @run", tx))
            {
                DbParameters.Add(up, "@next", DbType.Int32, step + 1);
                DbParameters.Add(up, "@policy", DbType.String, policy);
                DbParameters.Add(up, "@at", DbType.Int64, now.ToUnixTimeSeconds());
                DbParameters.Add(up, "@run", DbType.String, run);
                if (up.ExecuteNonQuery() == 0)
                {
                    using var ins = Command("INSERT INTO live_runs (run, policy, next_step, updated_unix_s) VALUES (@run, @policy, @next, @at)", tx);
                    DbParameters.Add(ins, "@run", DbType.String, run);
                    DbParameters.Add(ins, "@policy", DbType.String, policy);
                    DbParameters.Add(ins, "@next", DbType.Int32, step + 1);
                    DbParameters.Add(ins, "@at", DbType.Int64, now.ToUnixTimeSeconds());
                    ins.ExecuteNonQuery();
                }
            }
            tx.Commit();
        }
    }

    /// <summary>Asks for a job admitted to <paramref name="run"/> to be withdrawn at the live loop's next step; false if
    /// it is done, refused, cancelled already or not in that run. Kept in the store, so a restart in between still carries it out.</summary>
    public bool RequestCancel(string run, string jobId)
    {
        lock (_gate)
        {
            using var cmd = Command("UPDATE live_jobs SET status = 'cancel-requested' WHERE run = @run AND job_id = @id AND status IN ('admitted', 'pending', 'running', 'paused', 'cancel-requested')");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            DbParameters.Add(cmd, "@id", DbType.String, jobId);
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Jobs of <paramref name="run"/> whose withdrawal was asked for and not yet carried out.</summary>
    public IReadOnlyList<string> CancelRequests(string run)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT job_id FROM live_jobs WHERE run = @run AND status = 'cancel-requested' ORDER BY job_id");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return list;
        }
    }

    /// <summary>The jobs admitted to <paramref name="run"/>, by admission step, then id.</summary>
    public IReadOnlyList<LiveJob> Jobs(string run)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT job_id, admitted_step, status, detail_json FROM live_jobs WHERE run = @run ORDER BY admitted_step, job_id");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            return ReadJobs(cmd);
        }
    }

    /// <summary>A job's place in the live run that admitted it, or null if none has.</summary>
    public LiveJob? Job(string jobId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT job_id, admitted_step, status, detail_json FROM live_jobs WHERE job_id = @id");
            DbParameters.Add(cmd, "@id", DbType.String, jobId);
            return ReadJobs(cmd) is [var only] ? only : null;
        }
    }

    /// <summary>The live state of every admitted job of <paramref name="tenant"/> (every tenant's when null), by job id.</summary>
    public IReadOnlyDictionary<string, LiveJob> JobsOf(string? tenant)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT l.job_id, l.admitted_step, l.status, l.detail_json FROM live_jobs l JOIN jobs j ON j.id = l.job_id"
                                    + (tenant is null ? "" : " WHERE j.tenant = @tenant"));
            if (tenant is not null) DbParameters.Add(cmd, "@tenant", DbType.String, tenant);
            return ReadJobs(cmd).ToDictionary(j => j.JobId, StringComparer.Ordinal);
        }
    }

    /// <summary>Commands of <paramref name="run"/> after sequence number <paramref name="afterSeq"/>, at most
    /// <paramref name="limit"/>, in order.</summary>
    public IReadOnlyList<LiveAction> Actions(string run, long afterSeq = 0, int limit = int.MaxValue)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT seq, step, command_json FROM live_actions WHERE run = @run AND seq > @after ORDER BY seq LIMIT @limit");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            DbParameters.Add(cmd, "@after", DbType.Int64, afterSeq);
            DbParameters.Add(cmd, "@limit", DbType.Int64, (long)limit);
            using var r = cmd.ExecuteReader();
            var list = new List<LiveAction>();
            while (r.Read()) list.Add(new LiveAction(r.GetInt64(0), r.GetInt32(1), r.GetString(2)));
            return list;
        }
    }

    /// <summary>Records a fleet edit of <paramref name="run"/> that holds from <paramref name="step"/>; returns its
    /// sequence number.</summary>
    public long RecordFleetEdit(string run, int step, string kind, string site, string bodyJson, DateTimeOffset made)
    {
        lock (_gate)
        {
            using var tx = StoreDatabase.BeginWrite(_connection);
            var seq = LastSeq("live_fleet_edits", run, tx) + 1;
            using (var cmd = Command("INSERT INTO live_fleet_edits (run, seq, step, kind, site, body_json, made_unix_s) VALUES (@run, @seq, @step, @kind, @site, @body, @at)", tx))
            {
                DbParameters.Add(cmd, "@run", DbType.String, run);
                DbParameters.Add(cmd, "@seq", DbType.Int64, seq);
                DbParameters.Add(cmd, "@step", DbType.Int32, step);
                DbParameters.Add(cmd, "@kind", DbType.String, kind);
                DbParameters.Add(cmd, "@site", DbType.String, site);
                DbParameters.Add(cmd, "@body", DbType.String, bodyJson);
                DbParameters.Add(cmd, "@at", DbType.Int64, made.ToUnixTimeSeconds());
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            return seq;
        }
    }

    /// <summary>The fleet edits of <paramref name="run"/>, in the order they were made.</summary>
    public IReadOnlyList<LiveFleetEdit> FleetEdits(string run)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT seq, step, kind, site, body_json, made_unix_s FROM live_fleet_edits WHERE run = @run ORDER BY seq");
            DbParameters.Add(cmd, "@run", DbType.String, run);
            using var r = cmd.ExecuteReader();
            var list = new List<LiveFleetEdit>();
            while (r.Read()) list.Add(new LiveFleetEdit(r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(5))));
            return list;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static List<LiveJob> ReadJobs(DbCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<LiveJob>();
        while (r.Read()) list.Add(new LiveJob(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3)));
        return list;
    }

    /// <summary>The highest sequence number of <paramref name="run"/> in <paramref name="table"/> (live_actions or
    /// live_fleet_edits), or 0.</summary>
    private long LastSeq(string table, string run, DbTransaction tx)
    {
        using var max = Command($"SELECT COALESCE(MAX(seq), 0) FROM {table} WHERE run = @run", tx);
        DbParameters.Add(max, "@run", DbType.String, run);
        return Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbCommand Command(string sql, DbTransaction? tx = null) => DbParameters.Command(_connection, sql, tx);
}
