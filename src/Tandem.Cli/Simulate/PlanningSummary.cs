using System.Text.Json;
using Tandem.Planning;
using Tandem.Scheduling;

namespace Tandem.Cli.Simulate;

/// <summary>How a policy planned, as it crosses into summary.json (the "planning" object of each policy, snake_case),
/// the report and the comparison table. Objective values are in the objective's own units (kg CO2e for emissions),
/// the same scale as the policy's "objective" field.</summary>
/// <param name="Method">exact_milp, lp_relaxation_with_repair or heuristic.</param>
/// <param name="MethodLabel">The method in words, e.g. "exact MILP (proven optimal)".</param>
/// <param name="Solver">Solver or heuristic behind it, e.g. HIGHS_MIP; null where the policy does not say.</param>
/// <param name="PlanObjective">Objective of the executed plan, scored by the planner's model; null for policies that
/// re-plan every step.</param>
/// <param name="LowerBound">Proven lower bound on the model's optimum, or null.</param>
/// <param name="RelativeGapFraction">(plan objective − bound) / plan objective, 0..1, or null.</param>
/// <param name="ProvenOptimal">True only for an exact MILP proven optimal over a model with no reductions.</param>
/// <param name="ModelReductions">What the model left out (thinned_starts, power_level_subset, battery_dispatch).</param>
/// <param name="CandidatePlacements">Candidate placements handed to the solver; 0 for heuristics.</param>
/// <param name="PlanSeconds">Wall time spent planning.</param>
/// <param name="Foresight">True for a perfect-foresight yardstick, which planned on an oracle (every signal and job of
/// the period); false for a policy that saw only the past, its forecasts and the clock.</param>
internal sealed record PlanningSummary(string Method, string MethodLabel, string? Solver, double? PlanObjective, double? LowerBound,
    double? RelativeGapFraction, bool ProvenOptimal, string[] ModelReductions, int CandidatePlacements, double PlanSeconds, bool Foresight = false)
{
    /// <summary>The planning summary of a policy after its run, or null for a policy that does not plan.</summary>
    public static PlanningSummary? Of(IPolicy policy) => policy switch
    {
        PlannedPolicy { Plan: { } plan } => new(Name(plan.Method.ToString()), $"{plan.Describe()}; perfect foresight (oracle)", plan.Solver, plan.ModelObjective, plan.LowerBound,
            plan.RelativeGap, plan.ProvenOptimal, Reductions(plan.Reductions), plan.CandidatePlacements, plan.SolveSeconds, true),
        IPlanningPolicy p => new(Name(nameof(PlanMethod.Heuristic)), $"heuristic ({p.Method})", null, null, p.LowerBound, null, false, [], 0, p.PlanningSeconds),
        Scheduling.Replay.ReplayPolicy r => new("replay", $"replay of a saved plan{(r.Foresight ? "; perfect foresight (oracle)" : "")}", null, null, null, null, false, [], 0, 0, r.Foresight),
        IForesightPolicy f => new(Name(nameof(PlanMethod.Heuristic)), $"heuristic ({f.Name}); perfect foresight (oracle)", null, null, null, null, false, [], 0, 0, true),
        _ => null,
    };

    private static string Name(string value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value);

    private static string[] Reductions(ModelReductions r) =>
        Enum.GetValues<ModelReductions>().Where(f => f != Planning.ModelReductions.None && r.HasFlag(f)).Select(f => Name(f.ToString())).ToArray();
}
