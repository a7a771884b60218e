using Tandem.Simulation;

namespace Tandem.Scheduling;

/// <summary>Serves online inference first, at the sites within each region's latency rule in preference order,
/// with whatever GPUs are free and the grid connection allows. Online demand cannot wait, so the baselines give it
/// priority over starting batch work; demand that finds no free GPU is lost and reported.</summary>
public static class InferencePlacement
{
    /// <summary>Serves as much of every region's demand as free GPUs and grid headroom allow.</summary>
    public static void ServeGreedy(FleetState state)
    {
        var sites = state.Scenario.Sites;
        for (var r = 0; r < state.Scenario.Inference.Count; r++)
        {
            foreach (var s in state.InferenceSites(r))
            {
                for (var p = 0; p < sites[s].Pools.Count && state.InferenceLeft(r) > 1e-9; p++)
                {
                    var load = Math.Min(state.InferenceLeft(r), state.FreeCapacity(s, p));
                    var perGpu = state.AddedFacilityPower(s, p, 1, sites[s].Pools[p].Curve.FullPowerLevel).Kilowatts;
                    if (perGpu > 0) load = Math.Min(load, Math.Max(0, state.GridHeadroom(s).Kilowatts) / perGpu * (1 - 1e-9));
                    if (load > 1e-12) state.Serve(r, s, p, load);
                }
                if (state.InferenceLeft(r) <= 1e-9) break;
            }
        }
    }

    /// <summary>Finds a pool at <paramref name="site"/> with room for <paramref name="job"/> at a power level, within
    /// capacity and firm grid headroom (so the job still fits when the sun sets); returns its index or -1.</summary>
    public static int FindPool(FleetState state, int job, int site, int level)
    {
        if (state.Now < state.EarliestStartAt(job, site)) return -1;
        var pools = state.Scenario.Sites[site].Pools;
        var gpus = state.Job(job).Gpus;
        for (var p = 0; p < pools.Count; p++)
        {
            if (state.FreeGpus(site, p) < gpus) continue;
            var l = Math.Min(level, pools[p].Curve.FullPowerLevel);
            if (state.AddedFirmPower(site, p, gpus, l) <= state.FirmHeadroom(site)) return p;
        }
        return -1;
    }
}
