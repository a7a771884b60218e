using Tandem.Actuation;
using Tandem.Scenarios;

namespace Tandem.Validation;

/// <summary>The rules on online inference and on capacity: a region is served only at sites within its latency rule
/// (latency) and never beyond its demand (demand); no pool holds more GPUs than it has, counting jobs and inference load
/// (pool-capacity), and no site more than its total (site-capacity). Books inference load (at full power for the whole
/// step) into the IT energy above idle, and the demand left unserved.</summary>
internal static class ServiceRules
{
    public static void Check(Scenario scenario, ExecutionLog log, Ledger ledger, Findings findings)
    {
        var grid = scenario.Grid;
        var h = grid.StepHours;
        for (var r = 0; r < scenario.Inference.Count; r++)
        {
            var region = scenario.Inference[r];
            for (var t = 0; t < grid.Count; t++)
            {
                var served = 0.0;
                var layout = scenario.FleetAt(t);
                for (var s = 0; s < scenario.Sites.Count; s++)
                {
                    var final = scenario.Sites[s];
                    for (var p = 0; p < final.Pools.Count; p++)
                    {
                        var load = log.Served(r, s, p, t);
                        if (load == 0) continue;
                        if (!(load > 0)) findings.Add("demand", $"region {region.Region} got a negative load {load} at {final.Id} at {grid.TimeAt(t):O}");
                        if (!region.AllowedSites.Contains(final.Id)) findings.Add("latency", $"region {region.Region} was served at {final.Id} at {grid.TimeAt(t):O}, outside its latency rule");
                        ledger.InferenceGpus[s][p][t] += load;
                        served += load;
                        // A pool not in the fleet yet has no GPUs: the capacity rule below finds the load.
                        if (s >= layout.Sites.Count || p >= layout.Sites[s].Pools.Count) continue;
                        var pool = layout.Sites[s].Pools[p];
                        var fullKw = pool.MaxPowerPerGpu.Kilowatts * pool.Curve.Levels[^1].PowerFraction - pool.IdlePowerPerGpu.Kilowatts;
                        ledger.AddedKwh[s][t] += load * fullKw * h;
                    }
                }
                var demand = scenario.Signals.InferenceGpus(r, t);
                if (served > demand + 1e-6 * Math.Max(1, demand))
                    findings.Add("demand", $"region {region.Region} got {served:0.######} GPUs of service at {grid.TimeAt(t):O}, more than its demand {demand:0.######}");
                ledger.DemandGpuHours += demand * h;
                ledger.UnservedGpuHours += (demand - served) * h;
            }
        }

        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            var final = scenario.Sites[s];
            for (var t = 0; t < grid.Count; t++)
            {
                // Capacity as the layout in force in the step has it: a pool or site not registered yet has none.
                var layout = scenario.FleetAt(t);
                var site = s < layout.Sites.Count ? layout.Sites[s] : null;
                var used = 0.0;
                for (var p = 0; p < final.Pools.Count; p++)
                {
                    var count = site is not null && p < site.Pools.Count ? site.Pools[p].Count : 0;
                    var inPool = ledger.HeldGpus[s][p][t] + ledger.InferenceGpus[s][p][t];
                    if (inPool > count + 1e-6)
                        findings.Add("pool-capacity", $"pool {final.Id}/{final.Pools[p].Id} held {inPool:0.######} GPUs at {grid.TimeAt(t):O}, more than its {count}");
                    used += inPool;
                }
                var total = site?.TotalGpus ?? 0;
                if (used > total + 1e-6)
                    findings.Add("site-capacity", $"site {final.Id} used {used:0.######} GPUs at {grid.TimeAt(t):O}, more than its {total}");
            }
        }
    }
}
