using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Tandem.Planning;

/// <summary>The offline optimum with perfect foresight, as a linear program over candidate placements (see
/// docs/planning.md for the formulation). Each job takes exactly one (site, pool, power level, start) and runs
/// without pause; online demand is served fractionally at allowed sites; capacity, grid power (counting on-site
/// output) and deadlines (as penalties, so infeasible input still yields a plan and a list of the jobs concerned)
/// hold in every step; grid energy is max(0, facility − on-site output). Small problems are solved as an exact MILP
/// (HiGHS, else SCIP or CBC); larger ones as the LP relaxation (HiGHS, else GLOP), whose optimum is a lower bound,
/// repaired into a schedule by the greedy planner guided by the LP's choices, with the gap reported.</summary>
public static class OptimalPlanner
{
    private sealed record Option(int Job, int Site, int Pool, int Level, int Start, int Steps, double LastFraction, double Penalty);

    /// <summary>Solves <paramref name="pb"/>.</summary>
    public static Plan Solve(PlanningProblem pb, OptimalOptions? options = null)
    {
        options ??= OptimalOptions.Default;
        var clock = Stopwatch.StartNew();
        var (opts, thinned, unplaceable) = Enumerate(pb, options.MaxStartsPerWindow, options.OptionBudget);
        var exact = opts.Count <= options.MaxExactOptions && !thinned;
        var plan = Solve(pb, options.Limit, opts, thinned, exact)
            ?? Solve(pb, options.Limit - clock.Elapsed, opts, thinned, exact: false)
            ?? throw new InvalidOperationException("The scheduling LP found no solution; it is built to be always feasible, so this is a bug.");
        foreach (var j in unplaceable) plan.Problems.Add($"job {pb.Scenario.Jobs[j].Id}: no allowed site has {pb.Scenario.Jobs[j].Gpus} GPUs in one pool; it cannot run");
        plan.Method += $", {opts.Count:N0} candidate placements";
        plan.SolveSeconds = clock.Elapsed.TotalSeconds;
        return plan;
    }

    /// <summary>One solve: the MILP (null if the time limit passed without a schedule) or the LP relaxation + repair.</summary>
    private static Plan? Solve(PlanningProblem pb, TimeSpan limit, List<Option> opts, bool thinned, bool exact)
    {
        if (limit <= TimeSpan.Zero) limit = TimeSpan.FromSeconds(1);
        var (solverId, solver) = (exact ? new[] { "HIGHS_MIP", "SCIP", "CBC" } : ["HIGHS_LP", "GLOP", "PDLP"])
            .Select(id => (id, Solver.CreateSolver(id))).FirstOrDefault(x => x.Item2 is not null);
        if (solver is null) throw new InvalidOperationException("No OR-Tools solver could be created.");
        using var _ = solver;
        solver.SuppressOutput();
        solver.SetTimeLimit((long)limit.TotalMilliseconds);
        var model = Build(pb, solver, opts, exact);
        // The objective carries 10⁵-sized penalties, so the solver's default relative gap (10⁻⁴) would accept
        // schedules whose emissions are many kg off the optimum: ask for the exact optimum.
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        if (solverId == "HIGHS_MIP") solver.SetSolverSpecificParametersAsString("mip_rel_gap = 0\nmip_abs_gap = 1e-6\n");
        var status = solver.Solve(parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) return null;
        var objective = solver.Objective().Value() + model.Constant;
        Plan plan;
        if (exact)
        {
            plan = new Plan(pb.Offset, pb.Steps, pb.Scenario.Inference.Count, pb.Scenario.Sites.Count, pb.Scenario.Sites.Select(s => s.Pools.Count).ToArray());
            for (var i = 0; i < opts.Count; i++)
            {
                if (model.Z[i].SolutionValue() < 0.5) continue;
                var o = opts[i];
                plan.Starts.Add(new PlannedStart(o.Job, o.Site, o.Pool, o.Level, pb.Offset + o.Start, pb.Reason(o.Job, o.Site, o.Pool, o.Level, o.Start)));
                if (o.Penalty > 0) plan.Problems.Add($"job {pb.Scenario.Jobs[o.Job].Id}: cannot meet its deadline {pb.Scenario.Jobs[o.Job].Deadline:O} (or finish in the period) with the capacity available; planned late");
            }
            foreach (var (r, s, p, t, v) in model.Inference) plan.InferenceLoad[r][s][p][t] = Math.Max(0, v.SolutionValue());
            foreach (var (j, drop) in model.Drops)
                if (drop.SolutionValue() > 0.5) plan.Problems.Add($"job {pb.Scenario.Jobs[j].Id}: no capacity left for it anywhere it may run; not scheduled");
            plan.ModelObjective = objective;
            plan.LowerBound = (status == Solver.ResultStatus.OPTIMAL ? solver.Objective().Value() : solver.Objective().BestBound())
                + model.Constant;
            plan.Method = status == Solver.ResultStatus.OPTIMAL ? $"MILP ({solverId}), optimal" : $"MILP ({solverId}), stopped at the time limit";
        }
        else
        {
            var preferred = new Dictionary<int, List<(double Value, GreedyPlanner.Preference Pref)>>();
            for (var i = 0; i < opts.Count; i++)
            {
                var v = model.Z[i].SolutionValue();
                if (v < 1e-6) continue;
                var o = opts[i];
                if (!preferred.TryGetValue(o.Job, out var list)) preferred[o.Job] = list = [];
                list.Add((v, new GreedyPlanner.Preference(o.Site, o.Pool, o.Level, o.Start)));
            }
            plan = GreedyPlanner.Solve(pb, j => preferred.TryGetValue(j, out var l) ? l.OrderByDescending(x => x.Value).Select(x => x.Pref) : []);
            plan.LowerBound = objective;
            plan.Method = $"LP relaxation ({solverId}) + repair{(thinned ? ", thinned starts" : "")}";
        }
        return plan;
    }

    private readonly record struct Window(int Job, int Site, int Pool, int Level, int Release, int Steps, double LastFraction, int Latest, double Throughput);

    private static (List<Option> Options, bool Thinned, List<int> Unplaceable) Enumerate(PlanningProblem pb, int maxStarts, int budget)
    {
        var windows = new List<Window>();
        var unplaceable = new List<int>();
        var steps = pb.Steps;
        var h = pb.StepHours;
        var end = pb.Scenario.Grid.End;
        foreach (var j in pb.Jobs)
        {
            var job = pb.Scenario.Jobs[j];
            var any = false;
            foreach (var siteId in job.AllowedSites)
            {
                var s = pb.SiteIndex(siteId);
                var release = pb.ReleaseAt(j, s);
                if (release >= steps) continue;
                for (var p = 0; p < pb.Scenario.Sites[s].Pools.Count; p++)
                {
                    var pool = pb.Scenario.Sites[s].Pools[p];
                    if (job.Gpus > pool.Count) continue;
                    foreach (var level in pb.Levels[s][p])
                    {
                        var runtime = pb.RuntimeHours(j, pool, level);
                        var d = pb.StepsToRun(runtime);
                        var latest = job.Deadline > end ? steps - d : Math.Min(pb.LatestOnTime(j, runtime), steps - d);
                        windows.Add(new Window(j, s, p, level, release, d, runtime / h - (d - 1), latest, pool.Curve.Levels[level].Throughput));
                        any = true;
                    }
                }
            }
            if (!any) unplaceable.Add(j);
        }
        // On-time starts per window; thin them evenly until the total fits the budget.
        long Count(int k) => windows.Sum(w => (long)Math.Min(k, Math.Max(0, w.Latest - w.Release + 1)));
        var cap = maxStarts;
        if (Count(cap) > budget)
        {
            int lo = 2, hi = cap;
            while (lo < hi) { var mid = (lo + hi + 1) / 2; if (Count(mid) <= budget) lo = mid; else hi = mid - 1; }
            cap = lo;
        }
        var list = new List<Option>();
        var thinned = false;
        // Late or truncated fallbacks matter only where capacity binds. On small problems every late start is a
        // candidate (so the optimum is exact even when a deadline cannot be met); on large ones one per site, at full power.
        var small = windows.Count <= 5_000;
        foreach (var w in windows)
        {
            var job = pb.Scenario.Jobs[w.Job];
            var onTime = Enumerable.Range(w.Release, Math.Max(0, w.Latest - w.Release + 1)).ToList();
            if (onTime.Count > cap) { onTime = Thin(onTime, cap); thinned = true; }
            foreach (var t in onTime) list.Add(new Option(w.Job, w.Site, w.Pool, w.Level, t, w.Steps, w.LastFraction, 0));
            var lateFrom = Math.Max(w.Release, w.Latest + 1);
            if (!small && w.Level != pb.Scenario.Sites[w.Site].Pools[w.Pool].Curve.FullPowerLevel) continue;
            foreach (var t in Thin(Enumerable.Range(lateFrom, Math.Max(0, steps - lateFrom)).ToList(), small ? int.MaxValue : 1))
            {
                var dEff = Math.Min(w.Steps, steps - t);
                var undone = dEff < w.Steps ? job.WorkGpuHours - job.Gpus * w.Throughput * dEff * h : 0;
                var penalty = (job.Deadline <= end ? Objective.DeadlineMissPenalty : 0) + Objective.UnfinishedPenaltyPerGpuHour * Math.Max(0, undone);
                list.Add(new Option(w.Job, w.Site, w.Pool, w.Level, t, dEff, dEff < w.Steps ? 1 : w.LastFraction, penalty));
            }
        }
        return (list, thinned, unplaceable);
    }

    private static List<int> Thin(List<int> starts, int max)
    {
        if (starts.Count <= max) return starts;
        var result = new List<int>();
        for (var i = 0; i < max; i++) result.Add(starts[(int)Math.Round(i * (starts.Count - 1) / (double)(max - 1))]);
        return result.Distinct().ToList();
    }

    private sealed record Model(Variable[] Z, List<(int R, int S, int P, int T, Variable V)> Inference, Dictionary<int, Variable> Drops, double Constant);

    private static Model Build(PlanningProblem pb, Solver solver, List<Option> opts, bool integer)
    {
        var sc = pb.Scenario;
        var steps = pb.Steps;
        var h = pb.StepHours;
        var objective = solver.Objective();
        objective.SetMinimization();
        var z = new Variable[opts.Count];
        for (var i = 0; i < opts.Count; i++)
        {
            z[i] = integer ? solver.MakeBoolVar("") : solver.MakeNumVar(0, 1, "");
            var o = opts[i];
            objective.SetCoefficient(z[i], o.Penalty + pb.TransferCost(o.Job, o.Site, o.Start));
        }
        // Each job takes one placement, or is dropped at the price of leaving all its work undone (and its deadline
        // missed), so the model is feasible whatever the input.
        var drops = new Dictionary<int, Variable>();
        foreach (var group in opts.Select((o, i) => (o.Job, i)).GroupBy(x => x.Job))
        {
            var job = sc.Jobs[group.Key];
            var one = solver.MakeConstraint(1, 1, "");
            foreach (var (_, i) in group) one.SetCoefficient(z[i], 1);
            var drop = integer ? solver.MakeBoolVar("") : solver.MakeNumVar(0, 1, "");
            objective.SetCoefficient(drop, Objective.UnfinishedPenaltyPerGpuHour * job.WorkGpuHours + (job.Deadline <= sc.Grid.End ? Objective.DeadlineMissPenalty : 0));
            one.SetCoefficient(drop, 1);
            drops[group.Key] = drop;
        }
        var capacity = sc.Sites.Select((site, s) => site.Pools.Select((_, p) => Enumerable.Range(0, steps)
            .Select(t => solver.MakeConstraint(double.NegativeInfinity, Math.Max(0, pb.FreeGpus[s][p][t]), "")).ToArray()).ToArray()).ToArray();
        var power = sc.Sites.Select((_, s) => Enumerable.Range(0, steps)
            .Select(t => solver.MakeConstraint(double.NegativeInfinity, Math.Max(0, pb.PowerRoomKw(s, t)), "")).ToArray()).ToArray();
        // Energy balance per site and step, in kWh: grid ≥ E − onsite − discharge, with E = h·PUE·(idle + committed
        // + added); onsite + charge ≤ h·gen (the battery charges only from on-site output); the battery's state of
        // charge follows its charge and discharge with √η losses each way. Written as
        //   grid + onsite + discharge − h·PUE·added ≥ h·PUE·(idle + committed).
        var gridRows = new Constraint[sc.Sites.Count][];
        for (var s = 0; s < sc.Sites.Count; s++)
        {
            gridRows[s] = new Constraint[steps];
            var battery = sc.Sites[s].Battery;
            Variable? soc = null;
            if (battery is not null) soc = solver.MakeNumVar(battery.Capacity.KilowattHours * battery.InitialStateOfCharge.Value,
                battery.Capacity.KilowattHours * battery.InitialStateOfCharge.Value, "");
            for (var t = 0; t < steps; t++)
            {
                var g = solver.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(g, pb.Weight[s][t]);
                var onsite = solver.MakeNumVar(0, double.PositiveInfinity, "");
                var rhs = h * pb.Window.Pue[s][t] * (pb.IdleKw[s] + pb.CommittedKw[s][t]);
                gridRows[s][t] = solver.MakeConstraint(rhs, double.PositiveInfinity, "");
                gridRows[s][t].SetCoefficient(g, 1);
                gridRows[s][t].SetCoefficient(onsite, 1);
                var supply = solver.MakeConstraint(double.NegativeInfinity, h * pb.Window.GenKw[s][t], "");
                supply.SetCoefficient(onsite, 1);
                if (battery is null || soc is null) continue;
                var eta = battery.OneWayEfficiency;
                var limit = battery.PowerLimit.Kilowatts * h;
                var charge = solver.MakeNumVar(0, limit, "");
                var discharge = solver.MakeNumVar(0, limit, "");
                supply.SetCoefficient(charge, 1);
                gridRows[s][t].SetCoefficient(discharge, 1);
                var next = solver.MakeNumVar(0, battery.Capacity.KilowattHours, "");
                var balance = solver.MakeConstraint(0, 0, "");
                balance.SetCoefficient(next, 1);
                balance.SetCoefficient(soc, -1);
                balance.SetCoefficient(charge, -eta);
                balance.SetCoefficient(discharge, 1 / eta);
                soc = next;
            }
        }
        for (var i = 0; i < opts.Count; i++)
        {
            var o = opts[i];
            var pool = sc.Sites[o.Site].Pools[o.Pool];
            var kw = pb.DeltaKw(o.Job, pool, o.Level);
            var gpus = sc.Jobs[o.Job].Gpus;
            for (var t = o.Start; t < o.Start + o.Steps; t++)
            {
                var pue = pb.Window.Pue[o.Site][t];
                capacity[o.Site][o.Pool][t].SetCoefficient(z[i], gpus);
                power[o.Site][t].SetCoefficient(z[i], pue * kw);
                var fraction = t == o.Start + o.Steps - 1 ? o.LastFraction : 1;
                gridRows[o.Site][t].SetCoefficient(z[i], -h * pue * kw * fraction);
            }
        }
        var inference = new List<(int, int, int, int, Variable)>();
        for (var r = 0; r < sc.Inference.Count; r++)
        {
            var allowed = sc.Inference[r].AllowedSites.Select(pb.SiteIndex).ToArray();
            for (var t = 0; t < steps; t++)
            {
                var demand = pb.Window.InferenceGpus[r][t];
                if (demand <= 0) continue;
                var row = solver.MakeConstraint(demand, demand, "");
                var unserved = solver.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(unserved, Objective.UnservedPenaltyPerGpuHour * h);
                row.SetCoefficient(unserved, 1);
                foreach (var s in allowed)
                    for (var p = 0; p < sc.Sites[s].Pools.Count; p++)
                    {
                        var pool = sc.Sites[s].Pools[p];
                        var kw = pool.BusyPowerPerGpu(pool.Curve.FullPowerLevel).Kilowatts - pool.IdlePowerPerGpu.Kilowatts;
                        var u = solver.MakeNumVar(0, double.PositiveInfinity, "");
                        row.SetCoefficient(u, 1);
                        capacity[s][p][t].SetCoefficient(u, 1);
                        power[s][t].SetCoefficient(u, pb.Window.Pue[s][t] * kw);
                        gridRows[s][t].SetCoefficient(u, -h * pb.Window.Pue[s][t] * kw);
                        inference.Add((r, s, p, t, u));
                    }
            }
        }
        return new Model(z, inference, drops, 0);
    }
}
