using Tandem.Fleet;
using Tandem.Scheduling.Greedy;
using Tandem.Scheduling;
using Tandem.Planning;
using Objective = Tandem.Planning.Objective;
using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Tandem.Scheduling.Optimal;

/// <summary>The offline optimum with perfect foresight, as a mixed-integer program over candidate placements (see
/// docs/planning.md for the formulation, with the names of its variables and constraints). Each job takes exactly
/// one (site, pool, power level, start) and runs without pause; online demand is served fractionally at allowed
/// sites; capacity, grid power (counting on-site output) and deadlines (as penalties, so infeasible input still yields
/// a plan and a list of the jobs concerned) hold in every step; grid energy is max(0, facility − on-site output).
/// Every level of each pool's power curve is a candidate. Small problems are solved as the exact MILP (HiGHS, else
/// SCIP or CBC); larger ones as the LP relaxation (HiGHS, else GLOP), whose optimum is a lower bound, repaired into a
/// schedule by the greedy planner guided by the LP's choices. Either way the plan carries its method, its objective
/// in the model, a proven lower bound and the gap, and says "proven optimal" only where that holds.</summary>
public static class OptimalPlanner
{
    private static readonly string[] MilpSolvers = ["HIGHS_MIP", "SCIP", "CBC"];
    private static readonly string[] LpSolvers = ["HIGHS_LP", "GLOP", "PDLP"];

    /// <summary>A candidate placement; <see cref="Gpus"/> is the job's size for the run (an elastic job's choice).</summary>
    private sealed record Option(int Job, int Site, int Pool, int Level, int Start, int Steps, double LastFraction, double Penalty, int Gpus);

    /// <summary>The candidate placements, the jobs with none, how the set falls short of every placement the scenario
    /// allows, and the smallest penalty among the late or truncated starts left out: every schedule that uses one of
    /// those costs at least that much more than the unplaceable jobs' fixed penalty, since every other term of the
    /// objective is non-negative.</summary>
    private sealed record Candidates(List<Option> Options, List<int> Unplaceable, ModelReductions Reductions, double OmittedPenaltyFloor);

    /// <summary>Solves <paramref name="pb"/>.</summary>
    public static Plan Solve(PlanningProblem pb, OptimalOptions? options = null)
    {
        options ??= OptimalOptions.Default;
        var clock = Stopwatch.StartNew();
        var candidates = Enumerate(pb, options);
        Plan? plan = null;
        if (candidates.Options.Count <= options.MaxExactOptions && !candidates.Reductions.HasFlag(ModelReductions.ThinnedStarts))
            plan = SolveMilp(pb, options, candidates);
        // The LP gets what is left of the time limit, but never less than a quarter of it.
        plan ??= SolveLpAndRepair(pb, options, candidates, Remaining(options, clock));
        var reductions = candidates.Reductions;
        if (pb.Scenario.Sites.Any(s => s.Battery is not null)) reductions |= ModelReductions.BatteryDispatch;
        plan.Reductions = reductions;
        plan.ProvenOptimal = plan.ProvenOptimal && reductions == ModelReductions.None && plan.RelativeGap is <= Plan.GapTolerance;
        foreach (var j in candidates.Unplaceable)
            plan.Problems.Add($"job {pb.Scenario.Jobs[j].Id}: no allowed site has {pb.Scenario.Jobs[j].Gpus} GPUs in one pool; it cannot run");
        plan.CandidatePlacements = candidates.Options.Count;
        plan.SolveSeconds = clock.Elapsed.TotalSeconds;
        return plan;
    }

    /// <summary>The model <see cref="Solve"/> would hand the solver, in LP format, with every variable and constraint
    /// named as in docs/planning.md (start[j,s,p,l,t], grid_limit[s,t], ...), for reading or for another solver.
    /// <paramref name="integer"/> false gives the LP relaxation.</summary>
    public static string ExportModel(PlanningProblem pb, OptimalOptions? options = null, bool integer = true)
    {
        options ??= OptimalOptions.Default;
        var candidates = Enumerate(pb, options);
        using var solver = (integer ? MilpSolvers : LpSolvers).Select(Solver.CreateSolver).FirstOrDefault(s => s is not null)
            ?? throw new InvalidOperationException("No OR-Tools solver could be created.");
        Build(pb, solver, candidates.Options, integer, fixedPlan: null);
        return solver.ExportModelAsLpFormat(false);
    }

    private static TimeSpan Remaining(OptimalOptions options, Stopwatch clock) =>
        TimeSpan.FromTicks(Math.Max((options.Limit - clock.Elapsed).Ticks, options.Limit.Ticks / 4));

    private static Plan NewPlan(PlanningProblem pb) =>
        new(pb.Offset, pb.Steps, pb.Scenario.Inference.Count, pb.Scenario.Sites.Count, pb.Scenario.Sites.Select(s => s.Pools.Count).ToArray());

    /// <summary>The exact MILP, or null if the time limit passed without a schedule.</summary>
    private static Plan? SolveMilp(PlanningProblem pb, OptimalOptions options, Candidates candidates)
    {
        var opts = candidates.Options;
        var milp = SolveModel(pb, options, opts, integer: true, options.Limit);
        if (milp is null) return null;
        var plan = NewPlan(pb);
        for (var i = 0; i < opts.Count; i++)
        {
            if (milp.Z[i] < 0.5) continue;
            var o = opts[i];
            plan.Starts.Add(pb.StartAt(o.Job, o.Site, o.Pool, o.Level, o.Start, o.Gpus));
            if (o.Penalty > 0) plan.Problems.Add($"job {pb.Scenario.Jobs[o.Job].Id}: cannot meet its deadline {pb.Scenario.Jobs[o.Job].Deadline:O} (or finish in the period) with the capacity available; planned late");
        }
        foreach (var (r, s, p, t, v) in milp.Inference) plan.InferenceLoad[r][s][p][t] = Math.Max(0, v);
        foreach (var (j, drop) in milp.Drops)
            if (drop > 0.5) plan.Problems.Add($"job {pb.Scenario.Jobs[j].Id}: no capacity left for it anywhere it may run; not scheduled");
        plan.Method = PlanMethod.ExactMilp;
        plan.Solver = milp.SolverId;
        plan.ModelObjective = milp.Objective;
        // OR-Tools reports HiGHS's incumbent as its best bound, so a MILP stopped by the time limit has no bound of
        // its own: the LP relaxation's optimum is one.
        var bound = milp.Bound;
        if (bound is null && SolveModel(pb, options, opts, integer: false, options.Limit / 4) is { Bound: { } lp } relaxation)
        {
            bound = lp;
            plan.Solver += $" (bound: {relaxation.SolverId} relaxation)";
        }
        plan.LowerBound = bound is { } b ? Math.Min(b, milp.Constant + candidates.OmittedPenaltyFloor) : null;
        plan.ProvenOptimal = milp.Optimal;
        return plan;
    }

    /// <summary>The LP relaxation, repaired into a schedule by the greedy planner trying the LP's placements first
    /// (largest share first), and the repaired schedule scored in the same model.</summary>
    private static Plan SolveLpAndRepair(PlanningProblem pb, OptimalOptions options, Candidates candidates, TimeSpan limit)
    {
        var opts = candidates.Options;
        var lp = SolveModel(pb, options, opts, integer: false, limit);
        var preferred = new Dictionary<int, List<(double Value, GreedyPlanner.Preference Pref)>>();
        for (var i = 0; lp is not null && i < opts.Count; i++)
        {
            var v = lp.Z[i];
            if (v < 1e-6) continue;
            var o = opts[i];
            if (!preferred.TryGetValue(o.Job, out var list)) preferred[o.Job] = list = [];
            list.Add((v, new GreedyPlanner.Preference(o.Site, o.Pool, o.Level, o.Start, o.Gpus)));
        }
        var plan = GreedyPlanner.Solve(pb, j => preferred.TryGetValue(j, out var l) ? l.OrderByDescending(x => x.Value).Select(x => x.Pref) : []);
        if (lp is null)
        {
            plan.Solver = "greedy, as the LP relaxation found no solution in time";
            return plan;
        }
        // The LP-guided repair can lose to plain greedy where the relaxation spreads jobs thinly (busy sites, late
        // periods): both are scored in the same model and the better one is kept, so the plan never costs more than
        // greedy's.
        var repaired = Scored(pb, options, plan);
        var plain = Scored(pb, options, GreedyPlanner.Solve(pb));
        if (plain.ModelObjective < repaired.ModelObjective - 1e-6)
        {
            plan = plain;
            plan.Solver = $"{lp.SolverId} + greedy repair; plain greedy scored lower in the model and was kept";
        }
        else plan.Solver = $"{lp.SolverId} + greedy repair";
        plan.Method = PlanMethod.LpRelaxationWithRepair;
        plan.LowerBound = lp.Bound is { } b ? Math.Min(b, lp.Constant + candidates.OmittedPenaltyFloor) : null;
        return plan;
    }

    /// <summary>The plan with its objective scored in the model (its own placements and online service fixed).</summary>
    private static Plan Scored(PlanningProblem pb, OptimalOptions options, Plan plan)
    {
        if (Score(pb, plan, options) is { } objective) plan.ModelObjective = objective;
        else plan.Problems.Add("the plan could not be scored in the model; its objective is the greedy planner's estimate");
        return plan;
    }

    /// <summary>Any planner's plan for <paramref name="pb"/> scored in this planner's model: its placements and online
    /// service fixed, the battery dispatched at its best. Null if the solver could not score it.</summary>
    public static double? Score(PlanningProblem pb, Plan plan, OptimalOptions? options = null)
    {
        options ??= OptimalOptions.Default;
        return SolveModel(pb, options, StartsAsOptions(pb, plan), integer: false, options.Limit, plan) is { Optimal: true } scored ? scored.Objective : null;
    }

    private static List<Option> StartsAsOptions(PlanningProblem pb, Plan plan) =>
        plan.Starts.Select(s => Window(pb, s.Job, s.Site, s.Pool, s.Level, s.Gpus ?? pb.Scenario.Jobs[s.Job].Gpus).At(pb, s.Step - pb.Offset)).ToList();

    /// <summary>A solved model: the values the plan needs, its objective (with the constant of jobs that have no
    /// candidate) and a proven bound where the solver gives one.</summary>
    private sealed record Solution(string SolverId, bool Optimal, double Objective, double? Bound, double Constant, double[] Z,
        List<(int Job, double Value)> Drops, List<(int R, int S, int P, int T, double Gpus)> Inference);

    /// <summary>Builds and solves the model over <paramref name="opts"/>: the MILP, its LP relaxation, or (with
    /// <paramref name="fixedPlan"/>) the plan's own placements and online service fixed, to score it. Null if the
    /// solver found no solution.</summary>
    private static Solution? SolveModel(PlanningProblem pb, OptimalOptions options, IReadOnlyList<Option> opts, bool integer, TimeSpan limit, Plan? fixedPlan = null)
    {
        if (limit <= TimeSpan.Zero) limit = TimeSpan.FromSeconds(1);
        var (solverId, solver) = (integer ? MilpSolvers : LpSolvers).Select(id => (id, Solver.CreateSolver(id))).FirstOrDefault(x => x.Item2 is not null);
        if (solver is null) throw new InvalidOperationException("No OR-Tools solver could be created.");
        using var _ = solver;
        solver.SuppressOutput();
        solver.SetTimeLimit((long)limit.TotalMilliseconds);
        if (solverId.StartsWith("HIGHS", StringComparison.Ordinal))
        {
            // output_flag first: HiGHS writes its banner to stdout on the first option set while output is on, and
            // OR-Tools sets these before it applies SuppressOutput. The objective carries 10⁵-sized penalties, so
            // the default relative gap (10⁻⁴) would accept schedules many kg off the optimum: ask for the optimum.
            solver.SetSolverSpecificParametersAsString(
                $"output_flag = false\nlog_to_console = false\nthreads = {options.Threads}\n" + (integer ? "mip_rel_gap = 0\nmip_abs_gap = 1e-6\n" : ""));
        }
        else solver.SetNumThreads(options.Threads);
        var model = Build(pb, solver, opts, integer, fixedPlan);
        using var parameters = new MPSolverParameters();
        if (integer) parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        var status = solver.Solve(parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)) return null;
        var optimal = status == Solver.ResultStatus.OPTIMAL;
        var objective = solver.Objective().Value() + model.Constant;
        // An LP stopped early has no bound; SCIP and CBC report their own MILP bound, HiGHS (through OR-Tools) does not.
        double? bound = optimal ? objective : solverId is "SCIP" or "CBC" ? solver.Objective().BestBound() + model.Constant : null;
        return new Solution(solverId, optimal, objective, bound, model.Constant, model.Z.Select(z => z.SolutionValue()).ToArray(),
            model.Drops.Select(d => (d.Key, d.Value.SolutionValue())).ToList(),
            model.Inference.Select(x => (x.R, x.S, x.P, x.T, x.V.SolutionValue())).ToList());
    }

    /// <summary>Every placement of one job on one pool at one level: on time from <see cref="Release"/> to
    /// <see cref="Latest"/>, late or truncated after it.</summary>
    private readonly record struct Placements(int Job, int Site, int Pool, int Level, int Release, int Steps, double LastFraction, int Latest, double Throughput, int Gpus)
    {
        /// <summary>The option starting at relative step <paramref name="t"/>, with its penalty: none on time; after
        /// <see cref="Latest"/>, a missed deadline (if it falls in the period) and the work a run cut off by the end
        /// of the period leaves undone.</summary>
        public Option At(PlanningProblem pb, int t)
        {
            if (t <= Latest) return new Option(Job, Site, Pool, Level, t, Steps, LastFraction, 0, Gpus);
            var job = pb.Scenario.Jobs[Job];
            var dEff = Math.Min(Steps, pb.Steps - t);
            var undone = dEff < Steps ? pb.UndoneAfter(Job, Gpus, Throughput, dEff) : 0;
            var penalty = (job.Deadline <= pb.Scenario.Grid.End ? pb.MissPenalty(Job) : 0) + pb.UndonePenalty(undone);
            return new Option(Job, Site, Pool, Level, t, dEff, dEff < Steps ? 1 : LastFraction, penalty, Gpus);
        }
    }

    private static Placements Window(PlanningProblem pb, int j, int s, int p, int level, int gpus)
    {
        var job = pb.Scenario.Jobs[j];
        var pool = pb.Scenario.Sites[s].Pools[p];
        var runtime = pb.RuntimeHours(j, pool, level, gpus);
        var d = pb.StepsToRun(runtime);
        var latest = job.Deadline > pb.Scenario.Grid.End ? pb.Steps - d : Math.Min(pb.LatestOnTime(j, runtime), pb.Steps - d);
        return new Placements(j, s, p, level, pb.ReleaseAt(j, s), d, runtime / pb.StepHours - (d - 1), latest, pool.Curve.Levels[level].Throughput, gpus);
    }

    private static Candidates Enumerate(PlanningProblem pb, OptimalOptions options)
    {
        var windows = new List<Placements>();
        var unplaceable = new List<int>();
        var steps = pb.Steps;
        var reductions = ModelReductions.None;
        foreach (var j in pb.Jobs)
        {
            var job = pb.Scenario.Jobs[j];
            var any = false;
            foreach (var siteId in job.AllowedSites)
            {
                var s = pb.SiteIndex(siteId);
                if (pb.ReleaseAt(j, s) >= steps) continue;
                for (var p = 0; p < pb.Scenario.Sites[s].Pools.Count; p++)
                {
                    var pool = pb.Scenario.Sites[s].Pools[p];
                    var levels = options.AllPowerLevels ? Enumerable.Range(0, pool.Curve.Levels.Count).ToArray() : PlanningProblem.ThreeLevels(pool.Curve);
                    if (levels.Length < pool.Curve.Levels.Count) reductions |= ModelReductions.PowerLevelSubset;
                    foreach (var gpus in pb.Counts(j))
                        foreach (var level in levels)
                        {
                            if (gpus > pool.Count || !pb.LevelAllowed(j, pool, level, gpus)) continue;
                            windows.Add(Window(pb, j, s, p, level, gpus));
                            any = true;
                        }
                }
            }
            if (!any) unplaceable.Add(j);
        }
        // On-time starts per window; thin them evenly until the total fits the budget.
        long Count(int k) => windows.Sum(w => (long)Math.Min(k, Math.Max(0, w.Latest - w.Release + 1)));
        var cap = options.MaxStartsPerWindow;
        if (Count(cap) > options.OptionBudget)
        {
            int lo = 2, hi = cap;
            while (lo < hi) { var mid = (lo + hi + 1) / 2; if (Count(mid) <= options.OptionBudget) lo = mid; else hi = mid - 1; }
            cap = lo;
        }
        var list = new List<Option>();
        var floor = double.PositiveInfinity;
        // Late or truncated fallbacks matter only where capacity binds or the period ends. On small problems every
        // late start is a candidate. On large ones, per window, the earliest at full power (so a job can still be
        // placed late rather than dropped) and every one whose penalty alone is below what the greedy plan costs:
        // a start left out then costs more than a known schedule, so it cannot be in an optimum, and the smallest
        // such penalty (kept as the floor) caps the bound.
        var small = windows.Count <= 5_000;
        var threshold = small ? double.PositiveInfinity : 1.05 * GreedyPlanner.Solve(pb).ModelObjective + 1;
        foreach (var w in windows)
        {
            var onTime = Enumerable.Range(w.Release, Math.Max(0, w.Latest - w.Release + 1)).ToList();
            if (onTime.Count > cap) { onTime = Thin(onTime, cap); reductions |= ModelReductions.ThinnedStarts; }
            foreach (var t in onTime) list.Add(w.At(pb, t));
            var lateFrom = Math.Max(w.Release, w.Latest + 1);
            var full = w.Level == pb.Scenario.Sites[w.Site].Pools[w.Pool].Curve.FullPowerLevel;
            // Penalties grow with the start (a later run leaves more undone), so the first start left out is the cheapest.
            for (var t = lateFrom; t < steps; t++)
            {
                var o = w.At(pb, t);
                if (o.Penalty < threshold || (full && t == lateFrom)) list.Add(o);
                else { floor = Math.Min(floor, o.Penalty); break; }
            }
        }
        return new Candidates(list, unplaceable, reductions, floor);
    }

    private static List<int> Thin(List<int> starts, int max)
    {
        if (starts.Count <= max) return starts;
        if (max <= 1) return [starts[0]];
        var result = new List<int>();
        for (var i = 0; i < max; i++) result.Add(starts[(int)Math.Round(i * (starts.Count - 1) / (double)(max - 1))]);
        return result.Distinct().ToList();
    }

    private sealed record Model(Variable[] Z, List<(int R, int S, int P, int T, Variable V)> Inference, Dictionary<int, Variable> Drops, double Constant);

    /// <summary>Penalty of a job that does not run at all: all its work undone and, if due in the period, its deadline missed.</summary>
    private static double DropPenalty(PlanningProblem pb, int j) =>
        pb.UndonePenalty(pb.WorkLeft(j)) + (pb.Scenario.Jobs[j].Deadline <= pb.Scenario.Grid.End ? pb.MissPenalty(j) : 0);

    /// <summary>The model, every variable and constraint named by its indices (j job, s site, p pool, l level, t step
    /// of the window, r online region), as listed in docs/planning.md.</summary>
    private static Model Build(PlanningProblem pb, Solver solver, IReadOnlyList<Option> opts, bool integer, Plan? fixedPlan)
    {
        var sc = pb.Scenario;
        var steps = pb.Steps;
        var h = pb.StepHours;
        var objective = solver.Objective();
        objective.SetMinimization();
        var z = new Variable[opts.Count];
        for (var i = 0; i < opts.Count; i++)
        {
            var o = opts[i];
            // An elastic job's other sizes carry the size as a sixth index.
            var name = o.Gpus == sc.Jobs[o.Job].Gpus ? $"start[{o.Job},{o.Site},{o.Pool},{o.Level},{o.Start}]" : $"start[{o.Job},{o.Site},{o.Pool},{o.Level},{o.Start},{o.Gpus}]";
            z[i] = fixedPlan is not null ? solver.MakeNumVar(1, 1, name) : integer ? solver.MakeBoolVar(name) : solver.MakeNumVar(0, 1, name);
            objective.SetCoefficient(z[i], o.Penalty + pb.TransferCost(o.Job, o.Site, o.Start) + pb.DelayPenalty(o.Job, o.Site, o.Start));
        }
        // Each job takes one placement, or is dropped at the price of leaving all its work undone (and its deadline
        // missed), so the model is feasible whatever the input. A job with no candidate at all is dropped for sure:
        // its penalty is a constant.
        var drops = new Dictionary<int, Variable>();
        foreach (var group in opts.Select((o, i) => (o.Job, i)).GroupBy(x => x.Job))
        {
            var j = group.Key;
            var assign = solver.MakeConstraint(1, 1, $"assign[{j}]");
            foreach (var (_, i) in group) assign.SetCoefficient(z[i], 1);
            var drop = integer ? solver.MakeBoolVar($"drop[{j}]") : solver.MakeNumVar(0, 1, $"drop[{j}]");
            objective.SetCoefficient(drop, DropPenalty(pb, j));
            assign.SetCoefficient(drop, 1);
            drops[j] = drop;
        }
        var constant = pb.Jobs.Where(j => !drops.ContainsKey(j)).Sum(j => DropPenalty(pb, j));
        var gpuLimit = sc.Sites.Select((site, s) => site.Pools.Select((_, p) => Enumerable.Range(0, steps)
            .Select(t => solver.MakeConstraint(double.NegativeInfinity, Math.Max(0, pb.FreeGpus[s][p][t]), $"gpu_limit[{s},{p},{t}]")).ToArray()).ToArray()).ToArray();
        var gridLimit = sc.Sites.Select((_, s) => Enumerable.Range(0, steps)
            .Select(t => solver.MakeConstraint(double.NegativeInfinity, Math.Max(0, pb.PowerRoomKw(s, t)), $"grid_limit[{s},{t}]")).ToArray()).ToArray();
        // Energy balance per site and step, in kWh: grid ≥ E − onsite − discharge, with E = h·PUE·(idle + committed
        // + added); onsite + charge ≤ h·gen (the battery charges only from on-site output); the battery's state of
        // charge follows its charge and discharge with √η losses each way. Written as
        //   grid + onsite + discharge − h·PUE·added ≥ h·PUE·(idle + committed).
        var balance = new Constraint[sc.Sites.Count][];
        for (var s = 0; s < sc.Sites.Count; s++)
        {
            balance[s] = new Constraint[steps];
            var battery = sc.Sites[s].Battery;
            Variable? soc = null;
            if (battery is not null)
            {
                var initial = battery.Capacity.KilowattHours * battery.InitialStateOfCharge.Value;
                soc = solver.MakeNumVar(initial, initial, $"soc[{s},0]");
            }
            for (var t = 0; t < steps; t++)
            {
                var grid = solver.MakeNumVar(0, double.PositiveInfinity, $"grid[{s},{t}]");
                objective.SetCoefficient(grid, pb.Weight[s][t]);
                var onsite = solver.MakeNumVar(0, double.PositiveInfinity, $"onsite[{s},{t}]");
                var baseline = h * pb.Window.Pue[s][t] * (pb.IdleKw[s] + pb.CommittedKw[s][t]);
                balance[s][t] = solver.MakeConstraint(baseline, double.PositiveInfinity, $"energy_balance[{s},{t}]");
                balance[s][t].SetCoefficient(grid, 1);
                balance[s][t].SetCoefficient(onsite, 1);
                var supply = solver.MakeConstraint(double.NegativeInfinity, h * pb.Window.GenKw[s][t], $"onsite_supply[{s},{t}]");
                supply.SetCoefficient(onsite, 1);
                if (battery is null || soc is null) continue;
                var eta = battery.OneWayEfficiency;
                var limit = battery.PowerLimit.Kilowatts * h;
                var charge = solver.MakeNumVar(0, limit, $"charge[{s},{t}]");
                var discharge = solver.MakeNumVar(0, limit, $"discharge[{s},{t}]");
                supply.SetCoefficient(charge, 1);
                balance[s][t].SetCoefficient(discharge, 1);
                var next = solver.MakeNumVar(0, battery.Capacity.KilowattHours, $"soc[{s},{t + 1}]");
                var flow = solver.MakeConstraint(0, 0, $"battery[{s},{t}]");
                flow.SetCoefficient(next, 1);
                flow.SetCoefficient(soc, -1);
                flow.SetCoefficient(charge, -eta);
                flow.SetCoefficient(discharge, 1 / eta);
                soc = next;
            }
        }
        for (var i = 0; i < opts.Count; i++)
        {
            var o = opts[i];
            var pool = sc.Sites[o.Site].Pools[o.Pool];
            var kw = pb.DeltaKw(o.Job, pool, o.Level, o.Gpus);
            var gpus = o.Gpus;
            for (var t = o.Start; t < o.Start + o.Steps; t++)
            {
                var pue = pb.Window.Pue[o.Site][t];
                gpuLimit[o.Site][o.Pool][t].SetCoefficient(z[i], gpus);
                gridLimit[o.Site][t].SetCoefficient(z[i], pue * kw);
                var fraction = t == o.Start + o.Steps - 1 ? o.LastFraction : 1;
                balance[o.Site][t].SetCoefficient(z[i], -h * pue * kw * fraction);
            }
        }
        var inference = new List<(int, int, int, int, Variable)>();
        for (var r = 0; r < sc.Inference.Count; r++)
        {
            var allowed = sc.Inference[r].AllowedSites.Select(pb.SiteIndex).ToArray();
            for (var t = 0; t < steps; t++)
            {
                var need = pb.Window.InferenceGpus[r][t];
                if (need <= 0) continue;
                var demand = solver.MakeConstraint(need, need, $"demand[{r},{t}]");
                var unserved = solver.MakeNumVar(0, double.PositiveInfinity, $"unserved[{r},{t}]");
                objective.SetCoefficient(unserved, Objective.UnservedPenaltyPerGpuHour * h);
                demand.SetCoefficient(unserved, 1);
                foreach (var s in allowed)
                    for (var p = 0; p < sc.Sites[s].Pools.Count; p++)
                    {
                        var pool = sc.Sites[s].Pools[p];
                        var kw = pool.BusyPowerPerGpu(pool.Curve.FullPowerLevel).Kilowatts - pool.IdlePowerPerGpu.Kilowatts;
                        var served = fixedPlan?.InferenceLoad[r][s][p][t];
                        var u = solver.MakeNumVar(served ?? 0, served ?? double.PositiveInfinity, $"serve[{r},{s},{p},{t}]");
                        demand.SetCoefficient(u, 1);
                        gpuLimit[s][p][t].SetCoefficient(u, 1);
                        gridLimit[s][t].SetCoefficient(u, pb.Window.Pue[s][t] * kw);
                        balance[s][t].SetCoefficient(u, -h * pb.Window.Pue[s][t] * kw);
                        inference.Add((r, s, p, t, u));
                    }
            }
        }
        return new Model(z, inference, drops, constant);
    }
}
