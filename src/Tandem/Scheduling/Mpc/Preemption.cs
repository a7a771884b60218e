using Tandem.Actuation;

namespace Tandem.Scheduling.Mpc;

/// <summary>Making room for a job that must start now to meet its deadline and fits nowhere: at one allowed site,
/// running interruptible jobs of an equally or more tolerant tier that can afford to wait (after the urgent job's whole
/// run and a resume's checkpoint overhead, they still meet their deadline at full power) are paused, most tolerant and
/// most slack first, until the urgent job fits; it then starts at full power. An online planner cannot see the work
/// that will arrive while it delays or slows flexible work; this is how it keeps its deadlines anyway, as a cluster
/// scheduler preempts best-effort work for guaranteed work.</summary>
internal static class Preemption
{
    /// <summary>Pauses what it must and starts <paramref name="j"/>; false (and nothing issued) if no site can make room.</summary>
    public static bool TryMakeRoom(DecisionContext ctx, int j)
    {
        var state = ctx.Fleet;
        var job = state.Job(j);
        var runHours = state.HoursLeft(j);
        foreach (var s in state.AllowedSites(j))
        {
            if (state.Now < state.EarliestStartAt(j, s)) continue;
            var pools = state.Sites[s].Pools;
            for (var p = 0; p < pools.Count; p++)
            {
                if (pools[p].Count < job.Gpus) continue;
                var full = pools[p].Curve.FullPowerLevel;
                var needKw = state.AddedFirmPower(s, p, job.Gpus, full).Kilowatts;
                var free = state.FreeCapacity(s, p);
                var roomKw = state.FirmHeadroom(s).Kilowatts;
                var victims = new List<int>();
                foreach (var v in state.Running
                    .Where(v => state.SiteOf(v) == s && state.PoolOf(v) == p && CanYield(state, v, job, runHours))
                    .OrderByDescending(v => state.Job(v).Tier.MaxSlowdown).ThenByDescending(v => Spare(state, v)).ThenBy(v => v))
                {
                    if (free >= job.Gpus - 1e-9 && needKw <= roomKw + 1e-9) break;
                    victims.Add(v);
                    free += state.GpusOf(v);
                    roomKw += state.AddedFirmPower(s, p, state.GpusOf(v), state.LevelOf(v)).Kilowatts;
                }
                if (free < job.Gpus - 1e-9 || needKw > roomKw + 1e-9 || victims.Count == 0) continue;
                foreach (var v in victims) ctx.Pause(v);
                ctx.Start(j, s, p, full);
                return true;
            }
        }
        return false;
    }

    /// <summary>Hours a running job could wait and still finish by its deadline at full power.</summary>
    private static double Spare(FleetObservation state, int v)
    {
        var job = state.Job(v);
        return (job.Deadline - state.Now).TotalHours - state.RemainingWork(v) / job.Gpus - job.CheckpointOverhead.TotalHours;
    }

    private static bool CanYield(FleetObservation state, int v, Workloads.Job urgent, double urgentHours)
    {
        var job = state.Job(v);
        return job.Interruptible && job.Tier.AllowsPause && job.Tier.MaxSlowdown >= urgent.Tier.MaxSlowdown
            && Spare(state, v) >= urgentHours + state.Period.StepHours;
    }
}
