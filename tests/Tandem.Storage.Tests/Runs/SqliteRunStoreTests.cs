using Tandem.Simulation;
using Tandem.Storage.Runs;
using Tandem.Tests.Testing;

namespace Tandem.Storage.Tests.Runs;

/// <summary>The run store against a real SQLite file.</summary>
public class SqliteRunStoreTests
{
    private static PolicySummary Summary(string policy, double kwh) =>
        new(policy, kwh, kwh * 0.8, kwh * 0.2, 0, 1.5, kwh * 0.5, null, kwh * 0.1, "CNY", 0.2, 10, 9, 1, 1, 0.5, 0.01, 0.2, "emissions", kwh * 0.5);

    [Fact]
    public async Task SavedRuns_ReadBack_NewestFirst_WithPoliciesInOrder()
    {
        using var dir = new TempFolder();
        var ct = TestContext.Current.CancellationToken;
        using (var store = await SqliteRunStore.OpenAsync(Path.Combine(dir.Path, "sub", "runs.db"), ct))
        {
            var at = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
            Assert.Equal(1, await store.SaveAsync(new RunRecord(0, at, "first", 168, 60, "/tmp/a", [Summary("run-now", 100), Summary("wait-awhile", 90)]), ct));
            Assert.Equal(2, await store.SaveAsync(new RunRecord(0, at.AddHours(1), "second", 24, 15, "/tmp/b", [Summary("run-now", 5)]), ct));
        }
        using var reopened = await SqliteRunStore.OpenAsync(Path.Combine(dir.Path, "sub", "runs.db"), ct);
        var runs = await reopened.ListAsync(ct);
        Assert.Equal(["second", "first"], runs.Select(r => r.Scenario));
        var first = await reopened.GetAsync(1, ct);
        Assert.NotNull(first);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), first.StartedAt);
        Assert.Equal(["run-now", "wait-awhile"], first.Policies.Select(p => p.Policy));
        Assert.Equal(Summary("wait-awhile", 90), first.Policies[1]);
        Assert.Null(await reopened.GetAsync(3, ct));
    }

    [Fact]
    public async Task AFailedSave_LeavesNothingBehind()
    {
        using var dir = new TempFolder();
        var ct = TestContext.Current.CancellationToken;
        using var store = await SqliteRunStore.OpenAsync(Path.Combine(dir.Path, "runs.db"), ct);
        // NaN is not a number SQLite can keep in a NOT NULL REAL column: the second policy row fails, the run must vanish.
        var bad = Summary("bad", 1) with { EnergyKwh = double.NaN };
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(new RunRecord(0, DateTimeOffset.UnixEpoch, "x", 1, 60, "/tmp", [Summary("ok", 1), bad]), ct));
        Assert.Empty(await store.ListAsync(ct));
    }
}
