using System.Globalization;

namespace Tandem.Planning;

/// <summary>A planner's answer: when, where and at what power level each job starts, where online demand is served,
/// how it was made (method, solver), the objective of the plan as executed, a proven lower bound and the gap where
/// the method gives one, and the jobs that cannot be placed as asked (infeasible input is a result, not an
/// exception). Objective values are in the units of <see cref="Objective"/> (kg CO2e for the default).</summary>
public sealed class Plan
{
    /// <summary>Gaps at or below this relative size count as closed: HiGHS stops at an absolute gap of 10⁻⁶ and the
    /// objective is summed from terms of 10⁻⁹ precision.</summary>
    public const double GapTolerance = 1e-6;

    /// <summary>Creates a plan covering steps [<paramref name="offset"/>, offset + <paramref name="steps"/>).</summary>
    public Plan(int offset, int steps, int regions, int sites, int[] poolsPerSite)
    {
        Offset = offset;
        Steps = steps;
        InferenceLoad = Enumerable.Range(0, regions).Select(_ => Enumerable.Range(0, sites).Select(s =>
            Enumerable.Range(0, poolsPerSite[s]).Select(_ => new double[steps]).ToArray()).ToArray()).ToArray();
    }

    /// <summary>First absolute step the plan covers.</summary>
    public int Offset { get; }
    /// <summary>Number of steps covered.</summary>
    public int Steps { get; }
    /// <summary>Planned job starts.</summary>
    public List<PlannedStart> Starts { get; } = [];
    /// <summary>GPU load of online demand to serve: [region][site][pool][step − Offset].</summary>
    public double[][][][] InferenceLoad { get; }
    /// <summary>Jobs the planner could not place as asked, each with the reason.</summary>
    public List<string> Problems { get; } = [];
    /// <summary>How the plan was made. Default: <see cref="PlanMethod.Heuristic"/>.</summary>
    public PlanMethod Method { get; set; }
    /// <summary>The solver or heuristic behind it, e.g. "HIGHS_MIP", "HIGHS_LP + greedy repair", "greedy".</summary>
    public string Solver { get; set; } = "";
    /// <summary>The objective of the plan as it will be executed, scored by the planner's own model (for the
    /// heuristics, their own estimate).</summary>
    public double ModelObjective { get; set; }
    /// <summary>A proven lower bound on the model's optimum (the MILP's bound or the LP relaxation's optimum, capped
    /// by the cheapest candidate left out of the model), or null where the method proves none. Over the whole
    /// scenario unless <see cref="Reductions"/> says the candidate set was reduced.</summary>
    public double? LowerBound { get; set; }
    /// <summary>(objective − bound) / |objective|, a fraction ≥ 0; zero when both are zero; null without a bound.</summary>
    public double? RelativeGap => LowerBound is { } b ? Gap(ModelObjective, b) : null;
    /// <summary>True only for an exact MILP that the solver finished (not stopped by its time limit), whose gap is
    /// within <see cref="GapTolerance"/>, over a model with no <see cref="Reductions"/>.</summary>
    public bool ProvenOptimal { get; set; }
    /// <summary>How the model differs from the scenario (see <see cref="ModelReductions"/>); None for heuristics.</summary>
    public ModelReductions Reductions { get; set; }
    /// <summary>Candidate placements (job, site, pool, level, start) handed to the solver; 0 for heuristics.</summary>
    public int CandidatePlacements { get; set; }
    /// <summary>Wall time spent planning, seconds.</summary>
    public double SolveSeconds { get; set; }

    /// <summary>Relative gap of an objective to a bound: (objective − bound) / |objective|, never below zero.</summary>
    public static double Gap(double objective, double bound)
    {
        var d = objective - bound;
        if (d <= 1e-9 * Math.Max(1, Math.Abs(objective))) return 0;
        return d / Math.Max(Math.Abs(objective), 1e-9);
    }

    /// <summary>The method in words, as the report and the comparison table print it: "exact MILP (proven
    /// optimal)", "exact MILP, gap 0.42 %", "LP relaxation + repair, within 1.30 % of the bound" or "heuristic
    /// (greedy)", followed by what the model left out where that weakens the claim.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var gap = RelativeGap is { } g ? (100 * g).ToString("0.00", c) : null;
        var text = Method switch
        {
            PlanMethod.ExactMilp when ProvenOptimal => "exact MILP (proven optimal)",
            PlanMethod.ExactMilp => gap is null ? "exact MILP, no bound" : $"exact MILP, gap {gap} %",
            PlanMethod.LpRelaxationWithRepair => gap is null ? "LP relaxation + repair, no bound (the LP stopped at its time limit)"
                : $"LP relaxation + repair, within {gap} % of the bound",
            _ => Solver.Length > 0 ? $"heuristic ({Solver})" : "heuristic",
        };
        return Reductions == ModelReductions.None ? text : $"{text}; {DescribeReductions(Reductions)}";
    }

    /// <summary>The reductions in words, e.g. "model reduced: start times thinned, 3 power levels per pool".</summary>
    public static string DescribeReductions(ModelReductions r)
    {
        var parts = new List<string>();
        if (r.HasFlag(ModelReductions.ThinnedStarts)) parts.Add("start times thinned");
        if (r.HasFlag(ModelReductions.PowerLevelSubset)) parts.Add("3 power levels per pool");
        var text = parts.Count > 0 ? $"model reduced: {string.Join(", ", parts)}" : "";
        if (r.HasFlag(ModelReductions.BatteryDispatch))
            text += (text.Length > 0 ? "; " : "") + "batteries run by the simulator's rule, not the plan's";
        return text;
    }
}
