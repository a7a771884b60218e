using Tandem.Actuation;
using Tandem.Workloads;

namespace Tandem.Simulation;

internal sealed partial class FleetState
{
    /// <summary>Adds a job that was not in the scenario (one submitted to a live service) between two steps. It is
    /// released at the first step at or after its earliest start that has not begun yet, like any other job. Refused
    /// (<see cref="ArgumentException"/>, nothing changed) when its id is taken, it names a site the fleet does not have,
    /// or it needs more GPUs than any pool at its sites holds.</summary>
    internal int Admit(Job job)
    {
        if (_jobIndex.ContainsKey(job.Id)) throw new ArgumentException($"job {job.Id} is already in the fleet", nameof(job));
        var sites = SitesOf(job);
        if (!sites.Any(s => Scenario.Sites[s].Pools.Any(p => p.Count >= job.Counts.Min())))
            throw new ArgumentException($"job {job.Id} needs {job.Gpus} GPUs in one pool; no pool at its sites has that many", nameof(job));
        if (_count == _jobs.Length) Grow(Math.Max(16, _count * 2));
        var j = _count++;
        _jobs[j] = job;
        _allowedSites[j] = sites;
        _releaseStep[j] = Math.Max(Step + 1, Grid.CeilingIndex(job.EarliestStart));
        _remaining[j] = job.WorkGpuHours;
        _site[j] = _pool[j] = _pausedStep[j] = -1;
        _jobIndex[job.Id] = j;
        // After every job already released or released earlier than this one.
        var at = _releaseOrder.Count;
        while (at > _nextRelease && _releaseStep[_releaseOrder[at - 1]] > _releaseStep[j]) at--;
        _releaseOrder.Insert(at, j);
        return j;
    }

    /// <summary>Site indices of a job's allowed sites, in its order.</summary>
    private int[] SitesOf(Job job) => job.AllowedSites
        .Select(id => Scenario.SiteIndex(id) is var s and >= 0 ? s : throw new ArgumentException($"job {job.Id}: there is no site '{id}'", nameof(job)))
        .ToArray();

    private void Grow(int capacity)
    {
        Array.Resize(ref _jobs, capacity);
        Array.Resize(ref _allowedSites, capacity);
        Array.Resize(ref _releaseStep, capacity);
        Array.Resize(ref _status, capacity);
        Array.Resize(ref _remaining, capacity);
        Array.Resize(ref _site, capacity);
        Array.Resize(ref _pool, capacity);
        Array.Resize(ref _level, capacity);
        Array.Resize(ref _gpus, capacity);
        Array.Resize(ref _overheadLeftHours, capacity);
        Array.Resize(ref _started, capacity);
        Array.Resize(ref _restorePending, capacity);
        Array.Resize(ref _pausedStep, capacity);
        Array.Resize(ref _pausedFrom, capacity);
    }

    /// <summary>The jobs in the fleet, scenario and admitted, by index.</summary>
    internal IReadOnlyList<Job> Jobs => new ArraySegment<Job>(_jobs, 0, _count);

    /// <summary>Jobs withdrawn by their owners (<see cref="Tandem.Actuation.CancelJob"/>), by index, and when.</summary>
    private readonly Dictionary<int, DateTimeOffset> _withdrawn = [];

    /// <summary>Jobs withdrawn before their release.</summary>
    private readonly HashSet<int> _neverReleased = [];

    /// <summary>When a job was withdrawn, by id, or null.</summary>
    internal DateTimeOffset? WithdrawnAt(string id) => IndexOf(id) is var j and >= 0 && _withdrawn.TryGetValue(j, out var at) ? at : null;

    /// <summary>The jobs as the run's world has them: each withdrawn one with the instant it was withdrawn.</summary>
    internal IReadOnlyList<Job> WorldJobs => _withdrawn.Count == 0 ? Jobs
        : Jobs.Select((job, j) => _withdrawn.TryGetValue(j, out var at) ? job with { WithdrawnAt = at } : job).ToArray();

    /// <summary>A job's index by id, or -1.</summary>
    internal int IndexOf(string id) => _jobIndex.TryGetValue(id, out var j) ? j : -1;

    /// <summary>Where a job stands, by id (null if unknown): status, site and pool index (or -1), level, work left.</summary>
    internal (JobStatus Status, int Site, int Pool, int Level, double Remaining)? Find(string id) =>
        _jobIndex.TryGetValue(id, out var j) ? (_status[j], _site[j], _pool[j], _level[j], _remaining[j]) : null;
}
