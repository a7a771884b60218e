using Tandem.Fleet;
using Tandem.Workloads;

namespace Tandem.Scenarios;

/// <summary>The ways a coordinator can save (docs/planning.md, "Where a saving comes from"): running GPUs at a lower
/// power limit (capping), starting work later or pausing it (time), running it at another site (place), and running an
/// elastic job on more or fewer GPUs (scaling). A benchmark turns them off one by one to report a saving by its source.</summary>
[Flags]
public enum Levers
{
    /// <summary>No lever: every job at full power, as early as it can, at its home site.</summary>
    None = 0,
    /// <summary>Power levels below full power (the pool's power curve).</summary>
    Capping = 1,
    /// <summary>Starting later than the job could, or pausing it.</summary>
    Time = 2,
    /// <summary>Running at a site other than the job's home site.</summary>
    Place = 4,
    /// <summary>Elastic jobs on another GPU count than their own (<see cref="Workloads.ElasticScaling"/>).</summary>
    Scaling = 8,
    /// <summary>Every lever.</summary>
    All = Capping | Time | Place | Scaling,
}

/// <summary>Turning levers off on a scenario. Capping off gives every pool a one-level curve (its full-power level);
/// scaling off makes every elastic job one of fixed size (its own); place off leaves each batch job only its home site (online inference keeps its allowed sites, since serving it
/// where there is room is not a choice made to save); time off is a rule the planners keep (<see cref="Scenario.Levers"/>):
/// each job starts as early as capacity allows (mpc may still pause work to make room for a job that must start now:
/// a rescue, not a saving).</summary>
public static class LeverSwitches
{
    /// <summary>The scenario with only <paramref name="levers"/> left on.</summary>
    public static Scenario WithLevers(this Scenario scenario, Levers levers)
    {
        var fleet = scenario.Fleet;
        if (!levers.HasFlag(Levers.Capping))
            fleet = new FleetLayout(fleet.Sites.Select(FullPowerOnly).ToArray(), fleet.Transfers);
        var jobs = levers.HasFlag(Levers.Place) ? scenario.Jobs : scenario.Jobs.Select(HomeOnly).ToArray();
        if (!levers.HasFlag(Levers.Scaling)) jobs = jobs.Select(j => j.Elastic is null ? j : j with { Elastic = null }).ToArray();
        return scenario with { Fleet = fleet, Jobs = jobs, Levers = levers };
    }

    /// <summary>Parses "all", "none" or a comma-separated list of capping, time, place, scaling.</summary>
    public static bool TryParse(string text, out Levers levers)
    {
        levers = Levers.None;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return false;
        foreach (var part in parts)
        {
            switch (part)
            {
                case "all": levers |= Levers.All; break;
                case "none": break;
                case "capping": levers |= Levers.Capping; break;
                case "time": levers |= Levers.Time; break;
                case "place": levers |= Levers.Place; break;
                case "scaling": levers |= Levers.Scaling; break;
                default: return false;
            }
        }
        return true;
    }

    /// <summary>"capping,time,place,scaling", "none", or the levers that are on.</summary>
    public static string Describe(Levers levers) => levers == Levers.None ? "none" : string.Join(",",
        new[] { (Levers.Capping, "capping"), (Levers.Time, "time"), (Levers.Place, "place"), (Levers.Scaling, "scaling") }.Where(x => levers.HasFlag(x.Item1)).Select(x => x.Item2));

    private static Site FullPowerOnly(Site s) => new(s.Id, s.Name, s.TimeZone,
        s.Pools.Select(p => new GpuPool(p.Id, p.GpuModel, p.Count, p.IdlePowerPerGpu, p.MaxPowerPerGpu, new PowerCurve([p.Curve.Levels[^1]]))).ToArray(),
        s.Pue, s.GridLimit, s.Solar, s.Wind, s.Battery, s.GridZone);

    private static Job HomeOnly(Job j) => j.AllowedSites.Count == 1 ? j : new Job(j.Id, j.Tenant, j.Kind, j.Gpus, j.WorkGpuHours, j.Submit,
        j.EarliestStart, j.Deadline, [j.AllowedSites[0]], j.Interruptible, j.CheckpointOverhead, j.Tier) { Elastic = j.Elastic };
}
