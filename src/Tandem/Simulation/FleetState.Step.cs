using Tandem.Actuation;

namespace Tandem.Simulation;

internal sealed partial class FleetState
{
    /// <summary>Opens a step: releases the jobs whose earliest start has come and sets this step's online demand.</summary>
    internal void BeginStep(int step)
    {
        Step = step;
        _releasedFrom = _nextRelease;
        while (_nextRelease < _releaseOrder.Count && _releaseStep[_releaseOrder[_nextRelease]] <= step)
        {
            var j = _releaseOrder[_nextRelease++];
            _status[j] = JobStatus.Pending;
            _pending.Add(j);
        }
        for (var r = 0; r < _inferenceLeft.Length; r++) _inferenceLeft[r] = Signals.InferenceGpus(r, step);
    }

    /// <summary>Closes a step: advances running jobs, then applies the physics of every site (PUE, on-site supply,
    /// battery, grid limit) and books energy, emissions, cost and green energy.</summary>
    internal void EndStep(RunAccumulator acc)
    {
        var h = Grid.StepHours;
        var sites = Scenario.Sites;
        var deltaKwh = acc.SiteScratch;
        Array.Clear(deltaKwh);
        for (var s = 0; s < sites.Count; s++)
        {
            var busy = 0.0;
            for (var p = 0; p < _free[s].Length; p++) busy += sites[s].Pools[p].Count - FreeCapacity(s, p);
            acc.Traces[s].BusyGpus[Step] = busy;
        }

        for (var i = _running.Count - 1; i >= 0; i--)
        {
            var j = _running[i];
            var job = _jobs[j];
            var site = _site[j];
            var pool = sites[site].Pools[_pool[j]];
            if (_restorePending[j] && _started[j]) _overheadLeftHours[j] += job.CheckpointOverhead.TotalHours;
            _restorePending[j] = false;
            _started[j] = true;
            var rate = job.Rate(_gpus[j]) * pool.Curve.Levels[_level[j]].Throughput;
            var overhead = Math.Min(_overheadLeftHours[j], h);
            _overheadLeftHours[j] -= overhead;
            var need = _remaining[j] / rate;
            var done = need <= h - overhead + 1e-12;
            var active = done ? overhead + need : h;
            _remaining[j] = done ? 0 : _remaining[j] - rate * (h - overhead);
            deltaKwh[site] += _gpus[j] * pool.AddedPowerPerGpu(_level[j]).Kilowatts * active;
            if (!done) continue;
            Release(j);
            Log.Close(j, Step + 1);
            _status[j] = JobStatus.Done;
            _running[i] = _running[^1];
            _running.RemoveAt(_running.Count - 1);
            acc.JobDone(job, Now + TimeSpan.FromHours(active));
            Log.Finish(j, Now + TimeSpan.FromHours(active));
        }

        for (var s = 0; s < sites.Count; s++)
        {
            for (var p = 0; p < _servedLoad[s].Length; p++)
            {
                var kw = _servedLoad[s][p] * _fullDeltaKw[s][p];
                deltaKwh[s] += kw * h;
                _busyDeltaKw[s] -= kw;
                _servedLoad[s][p] = 0;
            }
            if (_transferKwh[s] > 0)
            {
                acc.Transfer(s, Step, _transferKwh[s]);
                _transferKwh[s] = 0;
            }
            SitePhysics(s, (_idleItKw[s] * h + deltaKwh[s]) * PueNow(s), acc);
            _socAfterStep[s] = _batterySocKwh[s];
        }
        for (var r = 0; r < _inferenceLeft.Length; r++)
            acc.Inference(Signals.InferenceGpus(r, Step) * h, _inferenceLeft[r] * h);
    }

    private void SitePhysics(int s, double facilityKwh, RunAccumulator acc)
    {
        var site = Scenario.Sites[s];
        var h = Grid.StepHours;
        var d = SiteEnergy.Dispatch(site, facilityKwh, Signals.Generation(s, Step).Kilowatts * h, ref _batterySocKwh[s], h);
        if (d.GridKwh / h > site.GridLimit.Kilowatts + 1e-6)
            throw Violation($"site {site.Id} drew {d.GridKwh / h:0.#} kW from the grid, over its limit of {site.GridLimit}");
        acc.Site(s, Step, d);
    }
}
