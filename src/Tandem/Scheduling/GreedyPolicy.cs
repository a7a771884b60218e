using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Scheduling;

/// <summary>`greedy`: plans the whole period once, with the same perfect foresight as `optimal`, using the
/// fleet-coordinated <see cref="GreedyPlanner"/>, then carries the plan out.</summary>
public sealed class GreedyPolicy(Objective objective) : IPlanningPolicy
{
    private Plan? _plan;
    private ILookup<int, PlannedStart> _starts = Enumerable.Empty<PlannedStart>().ToLookup(s => s.Step);

    /// <inheritdoc />
    public string Name => "greedy";
    /// <summary>The plan made, after the first step.</summary>
    public Plan? Plan => _plan;

    /// <inheritdoc />
    public double PlanningSeconds => _plan?.SolveSeconds ?? 0;
    /// <inheritdoc />
    public string Method => _plan?.Method ?? "";
    /// <inheritdoc />
    public double? LowerBound => _plan?.LowerBound;

    /// <inheritdoc />
    public void Prepare(Scenario scenario)
    {
        _plan = GreedyPlanner.Solve(PlanningProblem.Offline(scenario, objective));
        _starts = _plan.Starts.ToLookup(s => s.Step);
    }

    /// <inheritdoc />
    public void Decide(FleetState state) => PlanExecutor.Apply(state, _plan!, _starts);
}
