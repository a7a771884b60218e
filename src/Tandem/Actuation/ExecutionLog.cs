namespace Tandem.Actuation;

/// <summary>What a run actually did: every stretch a job ran (site, pool, power level, steps) and the online load
/// served per region, site, pool and step. The independent validator reads only this and the scenario.</summary>
public sealed class ExecutionLog
{
    private readonly Dictionary<int, int> _open = [];
    private readonly List<JobRun> _runs = [];
    private readonly Dictionary<int, DateTimeOffset> _finished = [];
    private readonly double[][][][] _served; // region, site, pool, step

    internal ExecutionLog(IReadOnlyList<int> poolsPerSite, int regions, int steps) =>
        _served = Enumerable.Range(0, regions)
            .Select(_ => poolsPerSite.Select(pools => Enumerable.Range(0, pools).Select(_ => new double[steps]).ToArray()).ToArray())
            .ToArray();

    /// <summary>Makes room for the sites and pools a fleet edit added (<paramref name="poolsPerSite"/>: every site's
    /// pool count now, each at least what it was); what was logged stays.</summary>
    internal void Grow(IReadOnlyList<int> poolsPerSite, int steps)
    {
        for (var r = 0; r < _served.Length; r++)
        {
            var sites = _served[r];
            Array.Resize(ref sites, poolsPerSite.Count);
            for (var s = 0; s < sites.Length; s++)
            {
                var pools = sites[s] ?? [];
                var had = pools.Length;
                Array.Resize(ref pools, poolsPerSite[s]);
                for (var p = had; p < pools.Length; p++) pools[p] = new double[steps];
                sites[s] = pools;
            }
            _served[r] = sites;
        }
    }

    /// <summary>Every stretch run, in the order they started.</summary>
    public IReadOnlyList<JobRun> Runs => _runs;

    /// <summary>Jobs reported done.</summary>
    public IEnumerable<int> Finished => _finished.Keys;

    /// <summary>When a job finished, or null if it did not.</summary>
    public DateTimeOffset? FinishedAt(int job) => _finished.TryGetValue(job, out var t) ? t : null;

    internal void Finish(int job, DateTimeOffset at) => _finished[job] = at;

    /// <summary>GPU load of a region's online demand served at a site in a step, over all its pools.</summary>
    public double Served(int region, int site, int step)
    {
        var load = 0.0;
        foreach (var pool in _served[region][site]) load += pool[step];
        return load;
    }

    /// <summary>GPU load of a region's online demand served on one pool of a site in a step.</summary>
    public double Served(int region, int site, int pool, int step) => _served[region][site][pool][step];

    internal void Open(int job, int site, int pool, int level, int step, int? gpus)
    {
        _open[job] = _runs.Count;
        _runs.Add(new JobRun(job, site, pool, level, step, -1) { Gpus = gpus });
    }

    internal void Close(int job, int endStep)
    {
        if (!_open.Remove(job, out var i)) return;
        if (endStep <= _runs[i].FromStep) { _runs.RemoveAt(i); Reindex(i); return; }
        _runs[i] = _runs[i] with { ToStep = endStep };
    }

    internal void Serve(int region, int site, int pool, int step, double load) => _served[region][site][pool][step] += load;

    /// <summary>Closes the stretches still running at the end of the period.</summary>
    internal void CloseAll(int endStep)
    {
        foreach (var job in _open.Keys.ToArray()) Close(job, endStep);
    }

    private void Reindex(int removed)
    {
        foreach (var k in _open.Keys.ToArray())
            if (_open[k] > removed) _open[k]--;
    }
}

/// <summary>A stretch of steps [FromStep, ToStep) in which a job held <see cref="Gpus"/> GPUs on one pool at one power level.</summary>
public sealed record JobRun(int Job, int Site, int Pool, int Level, int FromStep, int ToStep)
{
    /// <summary>GPUs held where an elastic job ran on another size than its own; null for the job's own size.</summary>
    public int? Gpus { get; init; }
}
