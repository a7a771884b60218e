using Tandem.Actuation;

namespace Tandem.Scheduling;

/// <summary>Placement rules the policies share: serving online inference where the latency rule allows (online
/// demand cannot wait, so policies serve it before starting batch work; demand that finds no room is lost and
/// reported), and finding a pool with room for a job.</summary>
public static class Placement
{
    /// <summary>Serves as much of every region's demand as free GPUs and grid headroom allow, at the allowed sites in
    /// their order of preference (or in the order <paramref name="order"/> gives).</summary>
    public static void ServeGreedy(DecisionContext ctx, Func<int, IEnumerable<int>, IEnumerable<int>>? order = null)
    {
        var state = ctx.Fleet;
        var sites = state.Sites;
        for (var r = 0; r < state.Regions.Count; r++)
        {
            foreach (var s in order is null ? state.InferenceSites(r) : order(r, state.InferenceSites(r)).ToArray())
            {
                for (var p = 0; p < sites[s].Pools.Count && state.InferenceLeft(r) > 1e-9; p++)
                {
                    var load = MaxInferenceLoad(state, r, s, p);
                    if (load > 1e-12) ctx.Serve(r, s, p, load);
                }
                if (state.InferenceLeft(r) <= 1e-9) break;
            }
        }
    }

    /// <summary>Serves every region's demand where it costs least now under <paramref name="objective"/>: first at sites
    /// whose on-site output exceeds their draw, then in order of the current grid signals' weight (known at the
    /// start of the step, a nowcast).</summary>
    public static void ServeCleanest(DecisionContext ctx, Planning.Objective objective)
    {
        var state = ctx.Fleet;
        double Weight(int s)
        {
            if (state.GenerationNow(s) > state.FacilityPower(s)) return double.NegativeInfinity;
            var id = state.Sites[s].Id;
            double Now(Signals.SignalKind kind) => ctx.Signals.Latest(id, kind, ctx.Now) ?? 0;
            return objective.PerGridKwh(Now(Signals.SignalKind.Carbon), Now(Signals.SignalKind.Price), Now(Signals.SignalKind.CarbonFree));
        }
        ServeGreedy(ctx, (_, allowed) => allowed.OrderBy(Weight));
    }

    /// <summary>The most of a region's remaining online demand a pool can serve now: bounded by the demand, the pool's
    /// free capacity and the site's grid headroom.</summary>
    public static double MaxInferenceLoad(FleetObservation state, int region, int site, int pool)
    {
        var load = Math.Min(state.InferenceLeft(region), state.FreeCapacity(site, pool));
        var perGpu = state.AddedFacilityPower(site, pool, 1, state.Sites[site].Pools[pool].Curve.FullPowerLevel).Kilowatts;
        return perGpu > 0 ? Math.Min(load, Math.Max(0, state.GridHeadroom(site).Kilowatts) / perGpu * (1 - 1e-9)) : load;
    }

    /// <summary>Finds a pool at <paramref name="site"/> with room for <paramref name="job"/> at a power level, within
    /// capacity and firm grid headroom (so the job still fits when the sun sets); returns its index or -1.</summary>
    public static int FindPool(FleetObservation state, int job, int site, int level)
    {
        if (state.Now < state.EarliestStartAt(job, site)) return -1;
        var pools = state.Sites[site].Pools;
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
