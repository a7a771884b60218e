using Microsoft.Data.Sqlite;
using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Storage.Tests.Signals;

/// <summary>The signal store against a real SQLite file in a temporary folder.</summary>
public sealed class SqliteSignalStoreTests : SignalStoreContract
{
    private static readonly DateTimeOffset June1st = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _dir = new();

    protected override ISignalStore Open(string name) => SqliteSignalStore.Open(Path.Combine(_dir.Path, name));

    public override void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_FindChunksThroughTheZoneKindTimeIndex_InWalMode()
    {
        var path = Path.Combine(_dir.Path, "tandem.db");
        var values = Enumerable.Range(0, 5000).Select(i => 100 + i * 0.1).ToArray();
        using (var store = SqliteSignalStore.Open(path))
            store.Import([new SignalSeries("SE", SignalKind.Carbon, new Series<double>(new TimeGrid(June1st, TimeSpan.FromHours(1), values.Length), values))]);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        foreach (var sql in new[] { SqliteSignalStore.ChunksInRange, SqliteSignalStore.Span })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
            cmd.Parameters.AddWithValue("@zone", "SE");
            cmd.Parameters.AddWithValue("@kind", "carbon");
            cmd.Parameters.AddWithValue("@from", 0);
            cmd.Parameters.AddWithValue("@to", 1);
            using var r = cmd.ExecuteReader();
            var plan = new List<string>();
            while (r.Read()) plan.Add(r.GetString(3));
            Assert.Contains(plan, p => p.StartsWith("SEARCH signal_chunks USING INDEX signal_chunks_by_zone_kind_time (zone=? AND kind=?", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, p => p.StartsWith("SCAN", StringComparison.Ordinal));
        }
        using var mode = c.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }
}
