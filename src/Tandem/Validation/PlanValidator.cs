using Tandem.Scenarios;
using Tandem.Actuation;
using Tandem.Simulation;

namespace Tandem.Validation;

/// <summary>Checks what a run did against every hard constraint, from the scenario and the execution log alone. It
/// shares no code with the planners or with the fleet state's own checks: it recomputes occupancy, work and power
/// from first principles, so a bug in either shows up as a finding here.</summary>
public static class PlanValidator
{
    /// <summary>Every violated hard constraint (at most 50), and separately every rigid job that finished after its
    /// deadline: the first are bugs in a policy, the second are outcomes (a baseline that herds, or input that no
    /// schedule can satisfy) that a coordinating policy must avoid where a schedule exists.</summary>
    public static (IReadOnlyList<string> Violations, IReadOnlyList<string> RigidLate) Check(Scenario scenario, RunResult run)
    {
        var findings = new List<string>();
        var rigidLate = new List<string>();
        void Add(string f) { if (findings.Count < 50) findings.Add(f); }
        var grid = scenario.Grid;
        var h = grid.StepHours;
        var siteIndex = scenario.Sites.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var held = scenario.Sites.Select(s => s.Pools.Select(_ => new double[grid.Count]).ToArray()).ToArray();
        var itKwh = scenario.Sites.Select(s => Enumerable.Repeat(s.Pools.Sum(p => p.IdlePowerPerGpu.Kilowatts * p.Count) * h, grid.Count).ToArray()).ToArray();
        var runsPerJob = run.Log.Runs.GroupBy(r => r.Job).ToDictionary(g => g.Key, g => g.OrderBy(r => r.FromStep).ToList());

        foreach (var (j, runs) in runsPerJob)
        {
            var job = scenario.Jobs[j];
            var home = siteIndex[job.AllowedSites[0]];
            if (!job.Interruptible && runs.Count > 1)
            {
                for (var k = 1; k < runs.Count; k++)
                    if (runs[k].FromStep != runs[k - 1].ToStep || runs[k].Site != runs[k - 1].Site || runs[k].Pool != runs[k - 1].Pool)
                        Add($"job {job.Id} is not interruptible but ran in separate stretches");
            }
            var work = 0.0;
            var resumes = 0;
            for (var k = 0; k < runs.Count; k++)
            {
                var r = runs[k];
                var site = scenario.Sites[r.Site];
                if (!job.AllowedSites.Contains(site.Id)) Add($"job {job.Id} ran at {site.Id}, outside its allowed sites");
                var release = job.EarliestStart + scenario.Transfer(home, r.Site).Duration;
                if (grid.TimeAt(r.FromStep) < release) Add($"job {job.Id} started at {site.Id} at {grid.TimeAt(r.FromStep):O}, before it could ({release:O})");
                var pool = site.Pools[r.Pool];
                var level = pool.Curve.Levels[r.Level];
                if (k > 0 && runs[k - 1].ToStep != r.FromStep) resumes++;
                for (var t = r.FromStep; t < r.ToStep; t++)
                {
                    held[r.Site][r.Pool][t] += job.Gpus;
                }
                work += job.Gpus * level.Throughput * (r.ToStep - r.FromStep) * h;
            }
            if (run.Log.FinishedAt(j) is { } finish)
            {
                var lost = resumes * job.CheckpointOverhead.TotalHours * job.Gpus;
                if (work - lost + 1e-6 < job.WorkGpuHours) Add($"job {job.Id} is reported done after {work - lost:0.###} of its {job.WorkGpuHours:0.###} GPU-hours");
                if (job.Tier.IsRigid && finish > job.Deadline) rigidLate.Add($"rigid job {job.Id} finished at {finish:O}, after its deadline {job.Deadline:O}");
            }
        }
        foreach (var j in run.Log.Finished.Where(j => !runsPerJob.ContainsKey(j))) Add($"job {scenario.Jobs[j].Id} is reported done but never ran");

        for (var r = 0; r < scenario.Inference.Count; r++)
        {
            var d = scenario.Inference[r];
            for (var t = 0; t < grid.Count; t++)
            {
                var served = 0.0;
                for (var s = 0; s < scenario.Sites.Count; s++)
                {
                    var load = run.Log.Served(r, s, t);
                    if (load <= 0) continue;
                    if (!d.AllowedSites.Contains(scenario.Sites[s].Id)) Add($"region {d.Region} was served at {scenario.Sites[s].Id}, outside its latency rule");
                    served += load;
                }
                if (served > scenario.Signals.InferenceGpus(r, t) + 1e-6) Add($"region {d.Region} got {served:0.###} GPUs of service at {grid.TimeAt(t):O}, more than its demand");
            }
        }

        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            var site = scenario.Sites[s];
            var trace = run.Sites[s];
            var total = site.Pools.Sum(p => p.Count);
            for (var t = 0; t < grid.Count; t++)
            {
                var jobs = 0.0;
                for (var p = 0; p < site.Pools.Count; p++)
                {
                    if (held[s][p][t] > site.Pools[p].Count + 1e-9) Add($"pool {site.Id}/{site.Pools[p].Id} held {held[s][p][t]} GPUs at {grid.TimeAt(t):O}, more than its {site.Pools[p].Count}");
                    jobs += held[s][p][t];
                }
                var inference = Enumerable.Range(0, scenario.Inference.Count).Sum(r => run.Log.Served(r, s, t));
                if (jobs + inference > total + 1e-6) Add($"site {site.Id} used {jobs + inference:0.###} GPUs at {grid.TimeAt(t):O}, more than its {total}");
                if (trace.GridKw[t] > site.GridLimit.Kilowatts + 1e-6) Add($"site {site.Id} imported {trace.GridKw[t]:0.###} kW at {grid.TimeAt(t):O}, over its limit {site.GridLimit}");
                var supplied = trace.OnsiteKw[t] + Math.Max(0, trace.BatteryKw[t]) + trace.GridKw[t];
                if (Math.Abs(supplied - trace.FacilityKw[t]) > 1e-6 * Math.Max(1, trace.FacilityKw[t])) Add($"site {site.Id} at {grid.TimeAt(t):O}: supply {supplied:0.###} kW does not meet load {trace.FacilityKw[t]:0.###} kW");
                var floor = itKwh[s][t] / h * scenario.Signals.Pue(s, t);
                if (trace.FacilityKw[t] + 1e-6 < floor) Add($"site {site.Id} at {grid.TimeAt(t):O}: facility {trace.FacilityKw[t]:0.###} kW is below its idle draw {floor:0.###} kW");
            }
        }
        return (findings, rigidLate);
    }
}
