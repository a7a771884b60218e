using Tandem.Fleet;
using Tandem.Scenarios;

namespace Tandem.Simulation;

internal sealed partial class FleetState
{
    /// <summary>Takes a changed world (<see cref="FleetEdits.Apply"/> made it, in force from the next step) between two
    /// steps. <see cref="CheckReconfigure"/> has passed on this very state (the caller, <see cref="Loop.SteppedRun"/>,
    /// refuses a change checked before another step or edit). A new battery starts at its initial charge; a changed one
    /// keeps its charge up to the new capacity.</summary>
    internal void Reconfigure(Scenario world)
    {
        var old = Scenario.Sites;
        var sites = world.Sites;
        Scenario = world;
        Signals = world.Signals;
        var n = sites.Count;
        Array.Resize(ref _free, n);
        Array.Resize(ref _servedLoad, n);
        Array.Resize(ref _transferKwh, n);
        Array.Resize(ref _busyDeltaKw, n);
        // Against the layout of the last step run, as the validator sees it: a battery that was there then keeps the
        // charge it ended that step with (up to a new capacity); one that was not starts at its initial charge. Edits
        // made before the same step are thus one change, whatever their order.
        var ran = Step >= 0 ? world.FleetAt(Step).Sites : [];
        var soc = _socAfterStep;
        _batterySocKwh = new double[n];
        _socAfterStep = new double[n];
        for (var s = 0; s < n; s++)
        {
            var pools = sites[s].Pools;
            var free = new int[pools.Count];
            for (var p = 0; p < pools.Count; p++)
                free[p] = s < old.Count && p < old[s].Pools.Count ? _free[s][p] + pools[p].Count - old[s].Pools[p].Count : pools[p].Count;
            _free[s] = free;
            var served = _servedLoad[s] ?? [];
            Array.Resize(ref served, pools.Count);
            _servedLoad[s] = served;
            var was = s < ran.Count ? ran[s].Battery : null;
            _batterySocKwh[s] = sites[s].Battery is not { } b ? 0
                : was is null ? b.Capacity.KilowattHours * b.InitialStateOfCharge.Value
                : ReferenceEquals(was, b) ? soc[s]
                : Math.Min(soc[s], b.Capacity.KilowattHours);
            _socAfterStep[s] = s < soc.Length ? soc[s] : 0;
        }
        _idleItKw = sites.Select(s => s.IdleItPower.Kilowatts).ToArray();
        _fullDeltaKw = sites.Select(s => s.Pools.Select(p => p.AddedPowerPerGpu(p.Curve.FullPowerLevel).Kilowatts).ToArray()).ToArray();
        // Busy draw again from the jobs running, at their pools' new draw (what a release takes off later).
        Array.Clear(_busyDeltaKw);
        foreach (var j in _running) _busyDeltaKw[_site[j]] += _gpus[j] * sites[_site[j]].Pools[_pool[j]].AddedPowerPerGpu(_level[j]).Kilowatts;
        Log.Grow(sites.Select(s => s.Pools.Count).ToArray(), Grid.Count);
    }

    /// <summary>Whether the fleet, as it is now, can take <paramref name="world"/>'s layout: refused
    /// (<see cref="FleetEditException"/>, a conflict) when a pool would shrink below the GPUs its jobs hold, or a site
    /// with the jobs it runs now would need more than its grid limit at its highest PUE where it needed less before.</summary>
    internal void CheckReconfigure(Scenario world)
    {
        var old = Scenario.Sites;
        var sites = world.Sites;
        for (var s = 0; s < old.Count; s++)
        {
            for (var p = 0; p < old[s].Pools.Count; p++)
            {
                var held = old[s].Pools[p].Count - _free[s][p];
                if (sites[s].Pools[p].Count < held)
                    throw new FleetEditException("count", $"pool {sites[s].Id}/{sites[s].Pools[p].Id} has {held} GPUs in use; it cannot shrink to {sites[s].Pools[p].Count} until they are free", conflict: true);
            }
            var was = FirmNeedKw(old[s], s) - old[s].GridLimit.Kilowatts;
            var now = FirmNeedKw(sites[s], s) - sites[s].GridLimit.Kilowatts;
            if (now > 1e-6 && now > was + 1e-6)
                throw new FleetEditException("grid_limit_kw", $"site {sites[s].Id} with the jobs it runs now would draw up to {FirmNeedKw(sites[s], s):0.#} kW (at its highest PUE), above the grid limit of {sites[s].GridLimit.Kilowatts:0.#} kW; pause work there first", conflict: true);
        }
    }

    /// <summary>What site <paramref name="s"/> would draw, kW, laid out as <paramref name="site"/>, with the jobs running
    /// there now, at the PUE ceiling.</summary>
    private double FirmNeedKw(Site site, int s)
    {
        var it = site.IdleItPower.Kilowatts;
        foreach (var j in _running)
            if (_site[j] == s) it += _gpus[j] * site.Pools[_pool[j]].AddedPowerPerGpu(_level[j]).Kilowatts;
        return it * site.Pue.Ceiling;
    }
}
