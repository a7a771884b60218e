using Tandem.Actuation;
using Tandem.Scenarios;

namespace Tandem.Validation;

/// <summary>The rules on batch jobs, replayed stretch by stretch from the log: every stretch names a real pool, level and
/// steps; a job runs only at its allowed sites (residency), never before its release plus the transfer time to the site
/// (release), in one unbroken stretch unless interruptible (interruptible); its work (throughput of the level × GPUs ×
/// active hours, less the checkpoint overhead paid after each resume) is done when, and only when, the log says so
/// (work), at the time it says (finish-time); and within its tier (tier): never at a level whose throughput is below
/// 1 / (1 + slowdown), never paused when its slowdown is 0; on its own GPU count, or an elastic job on a count within its
/// range (gpus), where its work per hour is GPUs × (count / GPUs)^exponent × the level's throughput. Along the way it
/// books GPU occupancy, the IT energy above idle for the active time, and the transfer energy on the home site in the
/// step a job starts away from home.</summary>
internal static class JobRules
{
    public static void Check(Scenario scenario, ExecutionLog log, Ledger ledger, Findings findings)
    {
        var runsPerJob = log.Runs.GroupBy(r => r.Job).ToDictionary(g => g.Key, g => g.OrderBy(r => r.FromStep).ToList());
        foreach (var j in log.Finished)
        {
            if ((uint)j >= (uint)scenario.Jobs.Count) findings.Add("stretch", $"the log reports job index {j} done, but the scenario has {scenario.Jobs.Count} jobs");
            else if (!runsPerJob.ContainsKey(j)) findings.Add("work", $"job {scenario.Jobs[j].Id} is reported done but never ran");
        }
        foreach (var (j, runs) in runsPerJob)
        {
            if ((uint)j >= (uint)scenario.Jobs.Count) { findings.Add("stretch", $"the log has a stretch of job index {j}, but the scenario has {scenario.Jobs.Count} jobs"); continue; }
            if (WellFormed(scenario, j, runs, findings)) Replay(scenario, j, runs, log.FinishedAt(j), ledger, findings);
        }
    }

    private static bool WellFormed(Scenario scenario, int j, List<JobRun> runs, Findings findings)
    {
        var id = scenario.Jobs[j].Id;
        for (var k = 0; k < runs.Count; k++)
        {
            var r = runs[k];
            if (r.FromStep < 0 || r.ToStep > scenario.Grid.Count || r.ToStep <= r.FromStep)
            { findings.Add("stretch", $"job {id} has a stretch [{r.FromStep}, {r.ToStep}) outside the {scenario.Grid.Count} steps or empty"); return false; }
            // The pool must be in the fleet when the stretch begins (pools are never removed, nor their curves changed).
            var sites = scenario.FleetAt(r.FromStep).Sites;
            if ((uint)r.Site >= (uint)sites.Count || (uint)r.Pool >= (uint)sites[r.Site].Pools.Count)
            { findings.Add("stretch", $"job {id} ran on site {r.Site} pool {r.Pool} from {scenario.Grid.TimeAt(r.FromStep):O}, which does not exist then"); return false; }
            if ((uint)r.Level >= (uint)sites[r.Site].Pools[r.Pool].Curve.Levels.Count)
            { findings.Add("stretch", $"job {id} ran at power level {r.Level}, which pool {sites[r.Site].Id}/{sites[r.Site].Pools[r.Pool].Id} lacks"); return false; }
            if (k > 0 && r.FromStep < runs[k - 1].ToStep)
            { findings.Add("stretch", $"job {id} ran in two overlapping stretches at step {r.FromStep}"); return false; }
            if (scenario.Jobs[j].WithdrawnAt is { } withdrawn && scenario.Grid.TimeAt(r.ToStep) > withdrawn)
                findings.Add("withdrawn", $"job {id} ran until {scenario.Grid.TimeAt(r.ToStep):O}, after its owner withdrew it at {withdrawn:O}");
        }
        return true;
    }

    private static void Replay(Scenario scenario, int j, List<JobRun> runs, DateTimeOffset? reportedFinish, Ledger ledger, Findings findings)
    {
        var grid = scenario.Grid;
        var h = grid.StepHours;
        var job = scenario.Jobs[j];
        var home = scenario.SiteIndex(job.AllowedSites[0]);
        var slack = 1e-9 * Math.Max(1, job.WorkGpuHours);
        var remaining = job.WorkGpuHours;
        var overheadLeftHours = 0.0;
        var ranAfterDone = false;
        for (var k = 0; k < runs.Count; k++)
        {
            var r = runs[k];
            var site = scenario.FleetAt(r.FromStep).Sites[r.Site];
            var level = site.Pools[r.Pool].Curve.Levels[r.Level];
            // A stretch that carries straight on at the same pool on as many GPUs is a change of power level; anything
            // else is a start.
            var gpus = r.Gpus ?? job.Gpus;
            var levelChange = k > 0 && runs[k - 1].ToStep == r.FromStep && runs[k - 1].Site == r.Site && runs[k - 1].Pool == r.Pool
                && (runs[k - 1].Gpus ?? job.Gpus) == gpus;
            if (gpus != job.Gpus && (job.Elastic is not { } e || gpus < e.MinGpus || gpus > e.MaxGpus))
                findings.Add("gpus", $"job {job.Id} ran on {gpus} GPUs from {grid.TimeAt(r.FromStep):O}; it may run on {(job.Elastic is { } el ? $"{el.MinGpus} to {el.MaxGpus}" : $"{job.Gpus} only")}");
            var speed = level.Throughput * Math.Min(1, SizeSpeed(job, r.Gpus ?? job.Gpus));
            if (speed * (1 + job.Tier.MaxSlowdown) < 1 - 1e-9)
                findings.Add("tier", $"job {job.Id} is {job.Tier.Name} (slowdown {job.Tier.MaxSlowdown}) but ran at {speed:0.###} of full speed from {grid.TimeAt(r.FromStep):O}");
            if (!levelChange)
            {
                if (k > 0 && !job.Interruptible)
                    findings.Add("interruptible", $"job {job.Id} is not interruptible but ran in separate stretches (again from {grid.TimeAt(r.FromStep):O})");
                else if (k > 0 && job.Tier.MaxSlowdown <= 0)
                    findings.Add("tier", $"job {job.Id} is {job.Tier.Name} and may not be paused, but ran again from {grid.TimeAt(r.FromStep):O}");
                if (!job.AllowedSites.Contains(site.Id)) findings.Add("residency", $"job {job.Id} ran at {site.Id}, outside its allowed sites");
                var release = job.EarliestStart + scenario.Transfer(home, r.Site).Duration;
                if (grid.TimeAt(r.FromStep) < release)
                    findings.Add("release", $"job {job.Id} started at {site.Id} at {grid.TimeAt(r.FromStep):O}, before it could ({release:O}, release plus transfer)");
                if (k > 0) overheadLeftHours += job.CheckpointOverhead.TotalHours;
                if (r.Site != home) ledger.TransferKwh[home][r.FromStep] += scenario.Transfer(home, r.Site).Energy.KilowattHours;
            }
            var scale = SizeSpeed(job, gpus);
            var workPerHour = job.Gpus * scale * level.Throughput;
            for (var t = r.FromStep; t < r.ToStep; t++)
            {
                // The pool's draw as the layout in force in this step has it.
                var pool = scenario.FleetAt(t).Sites[r.Site].Pools[r.Pool];
                var addedKw = gpus * (pool.MaxPowerPerGpu.Kilowatts * level.PowerFraction - pool.IdlePowerPerGpu.Kilowatts);
                ledger.HeldGpus[r.Site][r.Pool][t] += gpus;
                if (remaining < -slack && !ranAfterDone)
                {
                    ranAfterDone = true;
                    findings.Add("work", $"job {job.Id} still ran at {grid.TimeAt(t):O}, after its work was done");
                }
                var overhead = Math.Min(overheadLeftHours, h);
                overheadLeftHours -= overhead;
                var last = reportedFinish is not null && k == runs.Count - 1 && t == r.ToStep - 1;
                var activeHours = h;
                if (last)
                {
                    var needHours = Math.Max(0, remaining) / workPerHour;
                    if (needHours * workPerHour > (h - overhead) * workPerHour + slack)
                        findings.Add("work", $"job {job.Id} is reported done in the step from {grid.TimeAt(t):O} with {remaining - (h - overhead) * workPerHour:0.######} of its {job.WorkGpuHours:0.###} GPU-hours still to do");
                    activeHours = Math.Min(h, overhead + needHours);
                    var finish = grid.TimeAt(t) + TimeSpan.FromHours(activeHours);
                    if (Math.Abs((reportedFinish!.Value - finish).TotalHours) > 1e-6 * h + 1e-9)
                        findings.Add("finish-time", $"job {job.Id} is reported done at {reportedFinish:O}, but its work ends at {finish:O}");
                    remaining = 0;
                }
                else remaining -= workPerHour * (h - overhead);
                ledger.AddedKwh[r.Site][t] += addedKw * activeHours;
            }
        }
        if (reportedFinish is null && remaining < -slack)
            findings.Add("work", $"job {job.Id} did all its work by {grid.TimeAt(runs[^1].ToStep):O} but is not reported done");
        ledger.RemainingGpuHours[j] = reportedFinish is null ? remaining : 0;
        ledger.Finish[j] = reportedFinish;
    }

    /// <summary>Work per hour on <paramref name="gpus"/> GPUs relative to the job's own size: (gpus / own)^exponent
    /// for an elastic job, 1 otherwise (a size a fixed job may not take is the [gpus] rule's finding).</summary>
    private static double SizeSpeed(Workloads.Job job, int gpus) =>
        gpus == job.Gpus || job.Elastic is null ? 1 : Math.Pow((double)gpus / job.Gpus, job.Elastic.Exponent);
}
