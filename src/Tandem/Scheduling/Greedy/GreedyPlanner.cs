using Tandem.Scheduling;
using Tandem.Planning;
namespace Tandem.Scheduling.Greedy;

/// <summary>The fleet-coordinated heuristic: online demand first, then jobs from the least slack to the most, each
/// placed at the (site, pool, power level, start) with the lowest marginal objective over its run given what earlier
/// jobs already reserved: capacity, grid headroom and the on-site surplus they used up. Reserving is what stops it
/// from herding: a green window that is full is no longer cheapest for the next job. Each candidate is scored with
/// prefix sums over the job's window, so a job costs O(sites × levels × window) time.</summary>
public static class GreedyPlanner
{
    /// <summary>A candidate placement a caller would like tried first (the LP-guided repair uses this).</summary>
    public readonly record struct Preference(int Site, int Pool, int Level, int Start, int? Gpus = null);

    /// <summary>Places every job of the problem. <paramref name="preferred"/> may offer, per job, placements to try in
    /// order before the full search; the first that fits is taken. With a <paramref name="budget"/>, the refinements
    /// after the first feasible pass (more passes for late jobs, the improvement sweep, ejection) stop when it is spent,
    /// so a plan always comes, sooner and possibly worse; the plan's solver name says so.</summary>
    public static Plan Solve(PlanningProblem pb, Func<int, IEnumerable<Preference>>? preferred = null, bool improve = true, TimeSpan? budget = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cut = false;
        bool Spent() => budget is { } b && clock.Elapsed > b && (cut = true);
        var scenario = pb.Scenario;
        var sites = scenario.Sites;
        var steps = pb.Steps;
        var h = pb.StepHours;
        var plan = new Plan(pb.Offset, steps, scenario.Inference.Count, sites.Count, sites.Select(s => s.Pools.Count).ToArray());
        if (!pb.AllLevels) plan.Reductions |= ModelReductions.PowerLevelSubset;
        var free = pb.FreeGpus.Select(s => s.Select(p => (double[])p.Clone()).ToArray()).ToArray();
        var room = sites.Select((_, s) => Enumerable.Range(0, steps).Select(t => pb.PowerRoomKw(s, t)).ToArray()).ToArray();
        var ren = sites.Select((_, s) => Enumerable.Range(0, steps)
            .Select(t => Math.Max(0, (pb.Window.GenKw[s][t] - pb.Window.Pue[s][t] * (pb.IdleKw[s] + pb.CommittedKw[s][t])) * h)).ToArray()).ToArray();
        double objective = 0;

        // Baseline energy (idle and committed work) drawn from the grid.
        for (var s = 0; s < sites.Count; s++)
            for (var t = 0; t < steps; t++)
                objective += Math.Max(0, (pb.Window.Pue[s][t] * (pb.IdleKw[s] + pb.CommittedKw[s][t]) - pb.Window.GenKw[s][t]) * h) * pb.Weight[s][t];

        objective += PlaceInference(pb, plan, free, room, ren);

        // Least relative slack (slack over runtime) first, in doubling buckets; within a bucket the biggest jobs first,
        // so that long and wide jobs are not left to fit between short ones (first-fit decreasing).
        // Phase 1, feasibility first: jobs in order of their latest on-time start (earliest deadline first), each at
        // its earliest feasible placement (or where the LP-guided repair prefers). Jobs left late are moved to the
        // front and the pass is run again ("squeaky wheel"), keeping the pass with the fewest late jobs.
        var mc = new double[steps + 1];
        var bad = new int[steps + 1];
        var edf = pb.Jobs.OrderBy(j => LatestStart(pb, j)).ThenByDescending(j => scenario.Jobs[j].Gpus).ThenBy(j => j).ToArray();
        var start = (Free: Copy(free), Room: Copy(room), Ren: Copy(ren));
        Pass? best = null;
        var order = edf;
        for (var round = 0; round < 4; round++)
        {
            var pass = FirstPass(pb, order, preferred, Copy(start.Free), Copy(start.Room), Copy(start.Ren), mc, bad);
            if (best is null || pass.Late.Count < best.Late.Count) best = pass;
            if (pass.Late.Count == 0 || Spent()) break;
            var lateSet = pass.Late.ToHashSet();
            order = pass.Late.Concat(edf.Where(j => !lateSet.Contains(j))).ToArray();
        }
        (free, room, ren) = (best!.Free, best.Room, best.Ren);
        var placed = best.Placed;
        foreach (var j in best.Unplaced)
            plan.Problems.Add($"job {scenario.Jobs[j].Id}: no allowed site has {scenario.Jobs[j].Gpus} GPUs and grid headroom free at any time in the window");
        // Phase 2, improvement: the biggest jobs first, each lifted out and put back at its cheapest placement given
        // everyone else's; its old place is always still free, so no job gets worse and no deadline is lost.
        for (var sweep = 0; improve && sweep < ImprovementSweeps; sweep++)
        {
            foreach (var j in placed.Keys.OrderByDescending(j => scenario.Jobs[j].WorkGpuHours).ThenBy(j => j).ToArray())
            {
                if (Spent()) break;
                var (old, used) = placed[j];
                Unreserve(pb, j, old, used, free, room, ren);
                var oldScore = Score(pb, j, old.Site, old.Pool, old.Level, old.Start, ren, old.Gpus).Cost;
                var better = Search(pb, j, free, room, ren, mc, bad, earliest: false);
                var c = better is { } b && b.Cost < oldScore - 1e-9 ? b : old with { Cost = oldScore };
                placed[j] = (c, Reserve(pb, j, c, free, room, ren));
            }
        }
        // Phase 3, ejection: a job still late may take the place of one that can move elsewhere on time.
        foreach (var lateJob in placed.Where(kv => kv.Value.C.Late).Select(kv => kv.Key).ToArray())
        {
            if (Spent()) break;
            TryEject(pb, lateJob, placed, free, room, ren, mc, bad);
        }
        foreach (var (j, (c, _)) in placed.OrderBy(kv => kv.Key))
        {
            objective += c.Cost;
            if (c.Late) plan.Problems.Add($"job {scenario.Jobs[j].Id}: cannot meet its deadline {scenario.Jobs[j].Deadline:O} with the capacity left; planned late");
            plan.Starts.Add(pb.StartAt(j, c.Site, c.Pool, c.Level, c.Start, c.Gpus));
        }
        foreach (var j in pb.Jobs.Where(j => !placed.ContainsKey(j))) objective += pb.UndonePenalty(pb.WorkLeft(j)) + (scenario.Jobs[j].Deadline <= scenario.Grid.End ? pb.MissPenalty(j) : 0);
        plan.ModelObjective = objective;
        plan.Solver = cut ? $"greedy (refinements cut at the {budget!.Value.TotalSeconds:0.###} s budget)" : "greedy";
        plan.SolveSeconds = clock.Elapsed.TotalSeconds;
        return plan;
    }

    internal readonly record struct Candidate(int Site, int Pool, int Level, int Start, int Steps, double LastFraction, double Cost, bool Late, int Gpus);

    private sealed record Pass(Dictionary<int, (Candidate C, double[] Ren)> Placed, List<int> Late, List<int> Unplaced,
        double[][][] Free, double[][] Room, double[][] Ren);

    private static Pass FirstPass(PlanningProblem pb, int[] order, Func<int, IEnumerable<Preference>>? preferred,
        double[][][] free, double[][] room, double[][] ren, double[] mc, int[] bad)
    {
        var placed = new Dictionary<int, (Candidate C, double[] Ren)>();
        var late = new List<int>();
        var unplaced = new List<int>();
        foreach (var j in order)
        {
            Candidate? first = null;
            if (preferred is not null)
                foreach (var pref in preferred(j))
                    if (Fits(pb, j, pref, free, room)) { first = Score(pb, j, pref.Site, pref.Pool, pref.Level, pref.Start, ren, pref.Gpus ?? pb.Scenario.Jobs[j].Gpus); break; }
            if (first is { Late: true }) first = null;
            first ??= Search(pb, j, free, room, ren, mc, bad, earliest: true);
            if (first is { } c)
            {
                placed[j] = (c, Reserve(pb, j, c, free, room, ren));
                if (c.Late) late.Add(j);
            }
            else unplaced.Add(j);
        }
        return new Pass(placed, late, unplaced, free, room, ren);
    }

    private static void TryEject(PlanningProblem pb, int late, Dictionary<int, (Candidate C, double[] Ren)> placed,
        double[][][] free, double[][] room, double[][] ren, double[] mc, int[] bad)
    {
        var (lateOld, lateUsed) = placed[late];
        var allowed = pb.Scenario.Jobs[late].AllowedSites.Select(pb.SiteIndex).ToHashSet();
        var from = pb.Jobs.Length == 0 ? 0 : allowed.Min(s => pb.ReleaseAt(late, s));
        var to = Math.Min(pb.Steps, Math.Max(from + 1, LatestStart(pb, late) + (int)Math.Ceiling(pb.FullPowerHours(late) / pb.StepHours)));
        var blockers = placed.Where(kv => kv.Key != late && !kv.Value.C.Late && allowed.Contains(kv.Value.C.Site)
                && kv.Value.C.Start < to && kv.Value.C.Start + kv.Value.C.Steps > from)
            .OrderByDescending(kv => LatestStart(pb, kv.Key) - kv.Value.C.Start).Select(kv => kv.Key).Take(50).ToArray();
        Unreserve(pb, late, lateOld, lateUsed, free, room, ren);
        foreach (var b in blockers)
        {
            var (bOld, bUsed) = placed[b];
            Unreserve(pb, b, bOld, bUsed, free, room, ren);
            if (Search(pb, late, free, room, ren, mc, bad, earliest: true) is { Late: false } lateNew)
            {
                var lateNewUsed = Reserve(pb, late, lateNew, free, room, ren);
                if (Search(pb, b, free, room, ren, mc, bad, earliest: false) is { Late: false } bNew)
                {
                    placed[late] = (lateNew, lateNewUsed);
                    placed[b] = (bNew, Reserve(pb, b, bNew, free, room, ren));
                    return;
                }
                Unreserve(pb, late, lateNew, lateNewUsed, free, room, ren);
            }
            placed[b] = (bOld, Reserve(pb, b, bOld, free, room, ren));
        }
        placed[late] = (lateOld, Reserve(pb, late, lateOld, free, room, ren));
    }

    private static double[][] Copy(double[][] a) => a.Select(x => (double[])x.Clone()).ToArray();
    private static double[][][] Copy(double[][][] a) => a.Select(Copy).ToArray();

    /// <summary>Improvement sweeps over all jobs. A second sweep gained 1.6 % on the 5,000-job benchmark for 1.7× the
    /// time, which would put the 100,000-job plan near its 10 s budget; one it is.</summary>
    private const int ImprovementSweeps = 1;

    /// <summary>Planner-internal cost per step of lateness, so that a job that must be late is as little late as it can.</summary>
    internal const double TardinessPerStep = 100;

    private static int LatestStart(PlanningProblem pb, int j) => pb.LatestOnTime(j, pb.FullPowerHours(j));

    /// <summary>The best placement of job <paramref name="j"/> over every allowed site, pool and level: the earliest
    /// feasible one when <paramref name="earliest"/>, else the cheapest.</summary>
    private static Candidate? Search(PlanningProblem pb, int j, double[][][] free, double[][] room, double[][] ren, double[] mc, int[] bad, bool earliest)
    {
        var job = pb.Scenario.Jobs[j];
        Candidate? best = null;
        // First every placement that can run in its on-time window; only when none can, the whole horizon (late or
        // truncated). A level too slow for the deadline then costs no scan of the horizon.
        for (var round = earliest ? 1 : 0; round < 2 && best is not { Late: false }; round++)
            foreach (var siteId in job.AllowedSites)
            {
                var s = pb.SiteIndex(siteId);
                var release = pb.ReleaseAt(j, s);
                if (release >= pb.Steps) continue;
                for (var p = 0; p < pb.Scenario.Sites[s].Pools.Count; p++)
                {
                    var pool = pb.Scenario.Sites[s].Pools[p];
                    foreach (var gpus in pb.Counts(j))
                    foreach (var level in earliest ? [pool.Curve.FullPowerLevel] : pb.Levels[s][p])
                    {
                        if (gpus > pool.Count || !pb.LevelAllowed(j, pool, level, gpus)) continue;
                        var c = BestStart(pb, j, s, p, level, gpus, release, free, room, ren, mc, bad, earliest, onTimeOnly: round == 0);
                        if (c is not { } found) continue;
                        var better = best is null
                            || (earliest ? (found.Late ? 1 : 0, found.Start, found.Cost).CompareTo((best.Value.Late ? 1 : 0, best.Value.Start, best.Value.Cost)) < 0 : found.Cost < best.Value.Cost - 1e-9);
                        if (better) best = found;
                    }
                }
            }
        return best;
    }

    private static Candidate? BestStart(PlanningProblem pb, int j, int s, int p, int level, int gpus, int release,
        double[][][] free, double[][] room, double[][] ren, double[] mc, int[] bad, bool earliest, bool onTimeOnly = false)
    {
        var steps = pb.Steps;
        var h = pb.StepHours;
        var job = pb.Scenario.Jobs[j];
        var pool = pb.Scenario.Sites[s].Pools[p];
        var runtime = pb.RuntimeHours(j, pool, level, gpus);
        var d = pb.StepsToRun(runtime);
        var latest = pb.LatestOnTime(j, runtime);
        var kw = pb.DeltaKw(j, pool, level, gpus);
        var pue = pb.Window.Pue[s];
        var w = pb.Weight[s];
        var f = free[s][p];
        var r = room[s];
        var rn = ren[s];
        // Scan the on-time window first; only if nothing fits there, the rest of the horizon (late or truncated).
        var onTimeEnd = job.Deadline > pb.Scenario.Grid.End ? steps : Math.Clamp(latest + d, release, steps);
        var computed = release;
        mc[release] = 0;
        bad[release] = 0;
        Candidate? best = null;
        var bestScore = double.MaxValue;
        for (var pass = 0; pass < (onTimeOnly ? 1 : 2) && best is null; pass++)
        {
            var from = pass == 0 ? release : Math.Max(release, Math.Min(latest + 1, steps));
            var upTo = pass == 0 ? onTimeEnd : steps;
            var lastStart = pass == 0 ? Math.Min(upTo - d, steps - 1) : steps - 1;
            for (var t = from; t <= lastStart; t++)
            {
                var dEff = Math.Min(d, steps - t);
                if (t + dEff > upTo) break;
                // Prefix sums of cost and of blocked steps, extended only as far as the scan reaches: the earliest
                // search stops at the first start that fits, usually long before the window's end.
                for (; computed < t + dEff; computed++)
                {
                    var k = computed;
                    var e = pue[k] * kw * h;
                    mc[k + 1] = mc[k] + Math.Max(0, e - rn[k]) * w[k];
                    bad[k + 1] = bad[k] + (f[k] < gpus - 1e-9 || r[k] < pue[k] * kw - 1e-9 ? 1 : 0);
                }
                if (bad[t + dEff] - bad[t] != 0) continue;
                var truncated = dEff < d;
                var score = mc[t + dEff] - mc[t] + pb.TransferCost(j, s, t) + pb.DelayPenalty(j, s, t) + Penalty(pb, j, pool, level, gpus, t, latest, d, dEff, out var late);
                if (score < bestScore - 1e-9)
                {
                    bestScore = score;
                    best = new Candidate(s, p, level, t, dEff, truncated ? 1 : runtime / h - (d - 1), score, late, gpus);
                }
                if (earliest && best is { Late: false }) break;
                if (pass == 1 && earliest && best is not null) break;
            }
        }
        return best;
    }

    private static bool Fits(PlanningProblem pb, int j, Preference pref, double[][][] free, double[][] room)
    {
        var pool = pb.Scenario.Sites[pref.Site].Pools[pref.Pool];
        var gpus = pref.Gpus ?? pb.Scenario.Jobs[j].Gpus;
        var d = pb.StepsToRun(pb.RuntimeHours(j, pool, pref.Level, gpus));
        if (pref.Start < pb.ReleaseAt(j, pref.Site) || pref.Start + d > pb.Steps) return false;
        var kw = pb.DeltaKw(j, pool, pref.Level, gpus);
        for (var k = pref.Start; k < pref.Start + d; k++)
            if (free[pref.Site][pref.Pool][k] < gpus - 1e-9 || room[pref.Site][k] < pb.Window.Pue[pref.Site][k] * kw - 1e-9) return false;
        return true;
    }

    private static Candidate Score(PlanningProblem pb, int j, int s, int p, int level, int start, double[][] ren, int gpus)
    {
        var pool = pb.Scenario.Sites[s].Pools[p];
        var runtime = pb.RuntimeHours(j, pool, level, gpus);
        var h = pb.StepHours;
        var d = pb.StepsToRun(runtime);
        var dEff = Math.Min(d, pb.Steps - start);
        var truncated = dEff < d;
        var kw = pb.DeltaKw(j, pool, level, gpus);
        var cost = pb.TransferCost(j, s, start) + pb.DelayPenalty(j, s, start);
        for (var k = start; k < start + dEff; k++) cost += Math.Max(0, pb.Window.Pue[s][k] * kw * h - ren[s][k]) * pb.Weight[s][k];
        var penalty = Penalty(pb, j, pool, level, gpus, start, pb.LatestOnTime(j, runtime), d, dEff, out var late);
        return new Candidate(s, p, level, start, dEff, truncated ? 1 : runtime / h - (d - 1), cost + penalty, late, gpus);
    }

    /// <summary>What a placement starting at <paramref name="start"/> costs beyond energy: a missed deadline (plus the
    /// planner's tardiness per step) when it finishes late or is cut off by the end of a period its deadline falls in,
    /// and the work left undone when it is cut off. <paramref name="late"/> is set for a late or cut-off placement.</summary>
    private static double Penalty(PlanningProblem pb, int j, Fleet.GpuPool pool, int level, int gpus, int start, int latest, int d, int dEff, out bool late)
    {
        var job = pb.Scenario.Jobs[j];
        var truncated = dEff < d;
        var missed = job.Deadline <= pb.Scenario.Grid.End && (start > latest || truncated);
        late = missed || truncated;
        return (missed ? pb.MissPenalty(j) + TardinessPerStep * Math.Max(0, start - latest) : 0)
            + (truncated ? pb.UndonePenalty(pb.UndoneAfter(j, gpus, pool.Curve.Levels[level].Throughput, dEff)) : 0);
    }

    private static void Unreserve(PlanningProblem pb, int j, Candidate c, double[] usedRen, double[][][] free, double[][] room, double[][] ren)
    {
        var kw = pb.DeltaKw(j, pb.Scenario.Sites[c.Site].Pools[c.Pool], c.Level, c.Gpus);
        var gpus = c.Gpus;
        for (var k = c.Start; k < c.Start + c.Steps; k++)
        {
            free[c.Site][c.Pool][k] += gpus;
            room[c.Site][k] += pb.Window.Pue[c.Site][k] * kw;
            ren[c.Site][k] += usedRen[k - c.Start];
        }
    }

    private static double[] Reserve(PlanningProblem pb, int j, Candidate c, double[][][] free, double[][] room, double[][] ren)
    {
        var used = new double[c.Steps];
        var pool = pb.Scenario.Sites[c.Site].Pools[c.Pool];
        var kw = pb.DeltaKw(j, pool, c.Level, c.Gpus);
        var gpus = c.Gpus;
        for (var k = c.Start; k < c.Start + c.Steps; k++)
        {
            free[c.Site][c.Pool][k] -= gpus;
            room[c.Site][k] -= pb.Window.Pue[c.Site][k] * kw;
            var fraction = k == c.Start + c.Steps - 1 ? c.LastFraction : 1;
            var e = pb.Window.Pue[c.Site][k] * kw * pb.StepHours * fraction;
            used[k - c.Start] = Math.Min(ren[c.Site][k], e);
            ren[c.Site][k] -= used[k - c.Start];
        }
        return used;
    }

    /// <summary>Serves each region's demand in each step at the allowed sites in order of marginal weight (free
    /// on-site surplus first), within capacity and power room. Returns the objective of what it placed.</summary>
    private static double PlaceInference(PlanningProblem pb, Plan plan, double[][][] free, double[][] room, double[][] ren)
    {
        var scenario = pb.Scenario;
        var h = pb.StepHours;
        double objective = 0;
        for (var r = 0; r < scenario.Inference.Count; r++)
        {
            var allowed = scenario.Inference[r].AllowedSites.Select(pb.SiteIndex).ToArray();
            for (var t = 0; t < pb.Steps; t++)
            {
                var left = pb.Window.InferenceGpus[r][t];
                foreach (var s in allowed.OrderBy(s => ren[s][t] > 1e-9 ? 0 : pb.Weight[s][t]))
                {
                    for (var p = 0; p < scenario.Sites[s].Pools.Count && left > 1e-12; p++)
                    {
                        var pool = scenario.Sites[s].Pools[p];
                        var perGpuKw = pool.BusyPowerPerGpu(pool.Curve.FullPowerLevel).Kilowatts - pool.IdlePowerPerGpu.Kilowatts;
                        var pue = pb.Window.Pue[s][t];
                        var load = Math.Min(left, free[s][p][t]);
                        if (perGpuKw > 0) load = Math.Min(load, Math.Max(0, room[s][t]) / (pue * perGpuKw));
                        if (load <= 1e-12) continue;
                        plan.InferenceLoad[r][s][p][t] += load;
                        free[s][p][t] -= load;
                        room[s][t] -= pue * perGpuKw * load;
                        var e = pue * perGpuKw * load * h;
                        var fromRen = Math.Min(ren[s][t], e);
                        ren[s][t] -= fromRen;
                        objective += (e - fromRen) * pb.Weight[s][t];
                        left -= load;
                    }
                }
                if (left > 1e-9) objective += Objective.UnservedPenaltyPerGpuHour * left * h;
            }
        }
        return objective;
    }
}
