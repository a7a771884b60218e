using Tandem.Scheduling;
using Tandem.Planning;
using Tandem.Actuation;

namespace Tandem.Scheduling.RunNow;

/// <summary>The carbon-agnostic baseline: first come, first served. Each step, released jobs are taken in release
/// order and started at full power at the first allowed site with a pool that has room; a job that fits nowhere
/// waits while later, smaller jobs may still start (greedy list scheduling).</summary>
public sealed class RunNowPolicy : IPolicy
{
    /// <inheritdoc />
    public string Name => "run-now";

    /// <inheritdoc />
    public void Prepare(PolicySetup setup) { }

    /// <inheritdoc />
    public void Decide(DecisionContext ctx)
    {
        Placement.ServeGreedy(ctx);
        var state = ctx.Fleet;
        var pending = state.Pending;
        var maxFree = MaxFree(state);
        for (var i = 0; i < pending.Count && maxFree > 0; i++)
        {
            var j = pending[i];
            if (state.Job(j).Gpus > maxFree) continue;
            foreach (var s in state.AllowedSites(j))
            {
                var p = Placement.FindPool(state, j, s, int.MaxValue);
                if (p < 0) continue;
                ctx.Start(j, s, p, state.Sites[s].Pools[p].Curve.FullPowerLevel);
                maxFree = MaxFree(state);
                break;
            }
        }
    }

    private static int MaxFree(FleetObservation state)
    {
        var max = 0;
        var sites = state.Sites;
        for (var s = 0; s < sites.Count; s++)
            for (var p = 0; p < sites[s].Pools.Count; p++)
                max = Math.Max(max, state.FreeGpus(s, p));
        return max;
    }
}
