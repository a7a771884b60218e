using Tandem.Storage.Jobs;
using Tandem.Storage.Tests.Testing;

namespace Tandem.Storage.Tests.Jobs;

/// <summary>The job store's group commit on a real SQLite file: submissions queued together (retries of one key among
/// them) are written in shared transactions, one row per key, retries answered with that row; a store disposed with
/// submissions queued writes them first. (Concurrent submits over HTTP are tested in JobsApiTests.)</summary>
public class JobStoreTests
{
    [Fact]
    public async Task ConcurrentSubmits_AndRetries_MakeOneJobPerKey_AllOnDisk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tandem-jobstore-{Guid.NewGuid():N}.db");
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        Task<(SubmitOutcome Outcome, StoredJob Job)>[] queuedFresh, queuedRetries;
        using (var store = JobStore.Open(path))
        {
            queuedFresh = Enumerable.Range(0, 300).Select(i => store.SubmitAsync("t", $"k{i}", $"{{\"n\":{i}}}", now)).ToArray();
            queuedRetries = Enumerable.Range(0, 50).Select(_ => store.SubmitAsync("t", "same", "{\"n\":-1}", now)).ToArray();
            // Disposed as soon as the submissions are queued: it writes them before it closes.
        }
        var fresh = await Task.WhenAll(queuedFresh);
        var retries = await Task.WhenAll(queuedRetries);
        Assert.All(fresh, r => Assert.Equal(SubmitOutcome.Created, r.Outcome));
        Assert.Single(retries, r => r.Outcome == SubmitOutcome.Created);
        Assert.Single(retries.Select(r => r.Job.Id).Distinct());
        using (var reopened = JobStore.Open(path))
        {
            var stored = reopened.List("t");
            Assert.Equal(301, stored.Count);
            Assert.Equal(fresh.Select(r => r.Job.Id).Append(retries[0].Job.Id).Order(), stored.Select(j => j.Id).Order());
            // A retry after the fact still finds its job; the same key with another body is refused as reused.
            Assert.Equal(SubmitOutcome.Repeated, reopened.Submit("t", "k7", "{\"n\":7}", now).Outcome);
            Assert.Equal(SubmitOutcome.KeyReused, reopened.Submit("t", "k7", "{\"n\":8}", now).Outcome);
        }
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    }
}
