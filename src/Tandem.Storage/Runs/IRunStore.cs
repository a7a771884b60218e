namespace Tandem.Storage.Runs;

/// <summary>Where runs are kept. SQLite by default; PostgreSQL for servers (later), behind this one interface and the
/// same tests.</summary>
public interface IRunStore : IDisposable
{
    /// <summary>Saves a run and its policy totals atomically; returns its id.</summary>
    Task<long> SaveAsync(RunRecord run, CancellationToken cancellationToken);
    /// <summary>All runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellationToken);
    /// <summary>One run, or null.</summary>
    Task<RunRecord?> GetAsync(long id, CancellationToken cancellationToken);
}
