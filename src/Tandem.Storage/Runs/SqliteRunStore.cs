using System.Globalization;
using Microsoft.Data.Sqlite;
using Tandem.Simulation;
using Tandem.Storage.Schema;

namespace Tandem.Storage.Runs;

/// <summary>Runs in an embedded SQLite file, the one signals share (<see cref="SqliteDatabase"/> creates and migrates
/// its schema). A run and its policy rows are written in one transaction, so a failed save leaves nothing behind.</summary>
public sealed class SqliteRunStore : IRunStore
{
    private readonly SqliteConnection _connection;

    private SqliteRunStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>, migrating an older schema
    /// (see <see cref="SqliteDatabase"/>).</summary>
    public static Task<SqliteRunStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new SqliteRunStore(SqliteDatabase.Open(path)));
    }

    /// <inheritdoc />
    public async Task<long> SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var cmd = _connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO runs (started_at, scenario, steps, step_minutes, out_dir) VALUES ($t, $s, $n, $m, $o) RETURNING id";
            cmd.Parameters.AddWithValue("$t", run.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$s", run.Scenario);
            cmd.Parameters.AddWithValue("$n", run.Steps);
            cmd.Parameters.AddWithValue("$m", run.StepMinutes);
            cmd.Parameters.AddWithValue("$o", run.OutDirectory);
            id = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        }
        for (var i = 0; i < run.Policies.Count; i++)
        {
            var p = run.Policies[i];
            await using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO run_policies VALUES ($run, $ord, $policy, $e, $g, $o, $b, $c, $em, $mem, $cost, $cur, $green,
                    $jt, $jc, $dm, $ju, $delay, $unserved, $wall, $on, $obj)
                """;
            var values = new object?[]
            {
                id, i, p.Policy, p.EnergyKwh, p.GridEnergyKwh, p.OnsiteEnergyKwh, p.BatteryEnergyKwh, p.CurtailedEnergyKwh,
                p.EmissionsKg, p.MarginalEmissionsKg, p.Cost, p.Currency, p.GreenShare, p.JobsTotal, p.JobsCompleted,
                p.DeadlineMisses, p.JobsUnfinished, p.MeanDelayHours, p.InferenceUnservedFraction, p.WallSeconds, p.ObjectiveName, p.Objective,
            };
            string[] names = ["$run", "$ord", "$policy", "$e", "$g", "$o", "$b", "$c", "$em", "$mem", "$cost", "$cur", "$green", "$jt", "$jc", "$dm", "$ju", "$delay", "$unserved", "$wall", "$on", "$obj"];
            for (var k = 0; k < names.Length; k++) cmd.Parameters.AddWithValue(names[k], values[k] ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await ReadRunsAsync("SELECT id, started_at, scenario, steps, step_minutes, out_dir FROM runs ORDER BY id DESC", null, cancellationToken);
        var result = new List<RunRecord>(runs.Count);
        foreach (var r in runs) result.Add(r with { Policies = await PoliciesAsync(r.Id, cancellationToken) });
        return result;
    }

    /// <inheritdoc />
    public async Task<RunRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var runs = await ReadRunsAsync("SELECT id, started_at, scenario, steps, step_minutes, out_dir FROM runs WHERE id = $id", id, cancellationToken);
        return runs.Count == 0 ? null : runs[0] with { Policies = await PoliciesAsync(id, cancellationToken) };
    }

    private async Task<List<RunRecord>> ReadRunsAsync(string sql, long? id, CancellationToken cancellationToken)
    {
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        if (id is not null) cmd.Parameters.AddWithValue("$id", id.Value);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken))
            list.Add(new RunRecord(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                reader.GetString(2), reader.GetInt32(3), reader.GetDouble(4), reader.GetString(5), []));
        return list;
    }

    private async Task<IReadOnlyList<PolicySummary>> PoliciesAsync(long runId, CancellationToken cancellationToken)
    {
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT * FROM run_policies WHERE run_id = $id ORDER BY ordinal";
        cmd.Parameters.AddWithValue("$id", runId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<PolicySummary>();
        while (await r.ReadAsync(cancellationToken))
            list.Add(new PolicySummary(r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7),
                r.GetDouble(8), r.IsDBNull(9) ? null : r.GetDouble(9), r.GetDouble(10), r.GetString(11), r.GetDouble(12),
                r.GetInt32(13), r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetDouble(17), r.GetDouble(18), r.GetDouble(19),
                r.GetString(20), r.GetDouble(21)));
        return list;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
