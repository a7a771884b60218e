using Tandem.Actuation;

namespace Tandem.Simulation;

internal sealed partial class FleetState
{
    /// <inheritdoc />
    public void Execute(Command command)
    {
        if (command.At != Now) throw Violation($"a command for {command.At:O} was sent at {Now:O}");
        switch (command)
        {
            case StartJob c:
                Start(JobIndex(c.JobId), SiteIndex(c.SiteId), PoolIndex(c.SiteId, c.PoolId), c.Level, c.Gpus);
                break;
            case PauseJob c:
                Pause(JobIndex(c.JobId));
                break;
            case SetPowerLevel c:
                SetLevel(JobIndex(c.JobId), c.Level);
                break;
            case CancelJob c:
                Cancel(c.JobId);
                break;
            case ServeInference c:
                if (!_regionIndex.TryGetValue(c.Region, out var r)) throw Violation($"there is no inference region '{c.Region}'");
                Serve(r, SiteIndex(c.SiteId), PoolIndex(c.SiteId, c.PoolId), c.LoadGpus);
                break;
            default:
                throw Violation($"the simulator does not know the command {command.GetType().Name}");
        }
    }

    /// <summary>Withdraws a job that is not done: released or not, waiting, paused or running (a running one stops
    /// now and frees its GPUs).</summary>
    private void Cancel(string id)
    {
        if (!_jobIndex.TryGetValue(id, out var j)) throw Violation($"there is no job '{id}'");
        if (_status[j] is JobStatus.Done or JobStatus.Cancelled) throw Violation($"job {id} cannot be cancelled: it is {_status[j]}");
        if (_status[j] == JobStatus.Running)
        {
            Release(j);
            Log.Close(j, Step);
            _running.Remove(j);
        }
        if (_status[j] == JobStatus.NotReleased)
        {
            // Never released: out of the release order, and never visible to a policy.
            _releaseOrder.Remove(j);
            _neverReleased.Add(j);
        }
        _status[j] = JobStatus.Cancelled;
        _withdrawn[j] = Now;
        _pendingDirty = true;
    }

    private int JobIndex(string id)
    {
        if (!_jobIndex.TryGetValue(id, out var j) || _status[j] == JobStatus.NotReleased) throw Violation($"there is no released job '{id}'");
        return j;
    }

    private int SiteIndex(string id) => Scenario.SiteIndex(id) is var s and >= 0 ? s : throw Violation($"there is no site '{id}'");

    private int PoolIndex(string site, string pool)
    {
        var pools = Scenario.Sites[SiteIndex(site)].Pools;
        for (var p = 0; p < pools.Count; p++) if (pools[p].Id == pool) return p;
        throw Violation($"site {site} has no pool '{pool}'");
    }

    /// <summary>Starts (or resumes) a job on a pool at a power level from this step on, on its own GPU count or (an
    /// elastic job) on <paramref name="size"/> GPUs within its range.</summary>
    private void Start(int job, int site, int pool, int level, int? size)
    {
        var j = _jobs[job];
        var gpus = size ?? j.Gpus;
        if (!j.AllowsGpus(gpus))
            throw Violation(j.Elastic is { } e ? $"job {j.Id} may run on {e.MinGpus} to {e.MaxGpus} GPUs, not {gpus}" : $"job {j.Id} runs on {j.Gpus} GPUs, not {gpus} (it is not elastic)");
        if (_status[job] is not (JobStatus.Pending or JobStatus.Paused))
            throw Violation($"job {j.Id} cannot start: it is {_status[job]}");
        if (Array.IndexOf(_allowedSites[job], site) < 0)
            throw Violation($"job {j.Id} may not run at site {Scenario.Sites[site].Id} (data residency)");
        var pools = Scenario.Sites[site].Pools;
        if ((uint)pool >= (uint)pools.Count) throw Violation($"site {Scenario.Sites[site].Id} has no pool {pool}");
        var p = pools[pool];
        if ((uint)level >= (uint)p.Curve.Levels.Count) throw Violation($"pool {p.Id} has no power level {level}");
        CheckTier(j, p, level, gpus);
        if (FreeCapacity(site, pool) < gpus - 1e-6)
            throw Violation($"job {j.Id} needs {gpus} GPUs but pool {Scenario.Sites[site].Id}/{p.Id} has {FreeCapacity(site, pool):0.##} free");
        if (Observation.EarliestStartAt(job, site) is var earliest && Now < earliest)
            throw Violation($"job {j.Id} cannot start at {Scenario.Sites[site].Id} before {earliest:O} (release plus data transfer)");
        var added = Observation.AddedFacilityPower(site, pool, gpus, level).Kilowatts;
        if (added > GridHeadroom(site).Kilowatts + 1e-6)
            throw Violation($"job {j.Id} would take site {Scenario.Sites[site].Id} over its grid limit of {Scenario.Sites[site].GridLimit}");
        // Paused this step from a stretch that ran, and started again on the same pool and size: the log shows touching
        // stretches, which read as a change of level, so no checkpoint. Otherwise one is restored if the job has run
        // before, charged when the step is run (a start paused within its step never ran and restores nothing).
        _restorePending[job] = !(_pausedStep[job] == Step && _pausedFrom[job] == (site, pool, gpus));
        _free[site][pool] -= gpus;
        _busyDeltaKw[site] += gpus * p.AddedPowerPerGpu(level).Kilowatts;
        _gpus[job] = gpus;
        _status[job] = JobStatus.Running;
        _site[job] = site;
        _pool[job] = pool;
        _level[job] = level;
        _running.Add(job);
        _pendingDirty = true;
        var home = _allowedSites[job][0];
        if (site != home) _transferKwh[home] += Scenario.Transfer(home, site).Energy.KilowattHours;
        Log.Open(job, site, pool, level, Step, j.OtherSize(gpus));
    }

    /// <summary>Pauses a running interruptible job; it pays its checkpoint overhead when resumed.</summary>
    private void Pause(int job)
    {
        var j = _jobs[job];
        if (_status[job] != JobStatus.Running) throw Violation($"job {j.Id} cannot pause: it is {_status[job]}");
        if (!j.Interruptible) throw Violation($"job {j.Id} is not interruptible and must run to the end once started");
        if (!j.Tier.AllowsPause) throw Violation($"job {j.Id} is {j.Tier.Name} (slowdown {j.Tier.MaxSlowdown}) and may not be paused");
        Release(job);
        Log.Close(job, Step);
        // Where it was paused from, unless its stretch began this step and never ran (the next start decides anew).
        if (!_restorePending[job]) { _pausedStep[job] = Step; _pausedFrom[job] = (_site[job], _pool[job], _gpus[job]); }
        _status[job] = JobStatus.Paused;
        _running.Remove(job);
        _pending.Add(job);
    }

    /// <summary>Refuses a power level (and, for an elastic job, a size) slower than the job's tier allows.</summary>
    private void CheckTier(Workloads.Job j, Fleet.GpuPool p, int level, int gpus)
    {
        var throughput = j.Speed(p.Curve.Levels[level].Throughput, gpus);
        if (!j.Tier.AllowsThroughput(throughput))
            throw Violation($"job {j.Id} is {j.Tier.Name} (slowdown {j.Tier.MaxSlowdown}): power level {level}{(gpus == j.Gpus ? "" : $" on {gpus} GPUs")} runs at {throughput:0.###} of full speed, slower than 1/(1 + {j.Tier.MaxSlowdown}) allows");
    }

    /// <summary>Changes the power level of a running job.</summary>
    private void SetLevel(int job, int level)
    {
        var j = _jobs[job];
        if (_status[job] != JobStatus.Running) throw Violation($"job {j.Id} cannot change power level: it is {_status[job]}");
        var site = _site[job];
        var p = Scenario.Sites[site].Pools[_pool[job]];
        if ((uint)level >= (uint)p.Curve.Levels.Count) throw Violation($"pool {p.Id} has no power level {level}");
        CheckTier(j, p, level, _gpus[job]);
        var delta = _gpus[job] * (p.BusyPowerPerGpu(level).Kilowatts - p.BusyPowerPerGpu(_level[job]).Kilowatts);
        if (delta * PueNow(site) > GridHeadroom(site).Kilowatts + 1e-6)
            throw Violation($"raising job {j.Id} to level {level} would exceed the grid limit of site {Scenario.Sites[site].Id}");
        _busyDeltaKw[site] += delta;
        _level[job] = level;
        Log.Close(job, Step);
        Log.Open(job, site, _pool[job], level, Step, j.OtherSize(_gpus[job]));
    }

    /// <summary>Serves <paramref name="load"/> GPUs' worth of a region's online demand in this step on a pool, at full
    /// power. Inference is spread over many replicas, so its load takes a fractional share of a pool's GPUs.</summary>
    private void Serve(int region, int site, int pool, double load)
    {
        var d = Scenario.Inference[region];
        if (Array.IndexOf(_allowedInferenceSites[region], site) < 0)
            throw Violation($"site {Scenario.Sites[site].Id} is outside the latency rule of region {d.Region}");
        if (!(load >= 0) || load > _inferenceLeft[region] + 1e-9)
            throw Violation($"region {d.Region} has {_inferenceLeft[region]:0.###} GPUs of demand left, not {load:0.###}");
        if (load > FreeCapacity(site, pool) + 1e-9)
            throw Violation($"region {d.Region} asked for {load:0.###} GPUs at {Scenario.Sites[site].Id}/{pool} with {FreeCapacity(site, pool):0.###} free");
        var addedKw = load * _fullDeltaKw[site][pool];
        if (addedKw * PueNow(site) > GridHeadroom(site).Kilowatts + 1e-6)
            throw Violation($"serving region {d.Region} at {Scenario.Sites[site].Id} would exceed its grid limit");
        _servedLoad[site][pool] += load;
        _busyDeltaKw[site] += addedKw;
        _inferenceLeft[region] -= load;
        Log.Serve(region, site, pool, Step, load);
    }

    private void Release(int job)
    {
        var site = _site[job];
        var p = Scenario.Sites[site].Pools[_pool[job]];
        _free[site][_pool[job]] += _gpus[job];
        _busyDeltaKw[site] -= _gpus[job] * p.AddedPowerPerGpu(_level[job]).Kilowatts;
    }
}
