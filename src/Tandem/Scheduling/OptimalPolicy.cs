using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Scheduling;

/// <summary>`optimal`: the perfect-foresight yardstick. Plans the whole period once with <see cref="OptimalPlanner"/>
/// (exact MILP where it fits, LP relaxation plus repair where it does not) and carries the plan out.</summary>
public sealed class OptimalPolicy(Objective objective, OptimalOptions? options = null) : IPlanningPolicy
{
    private Plan? _plan;
    private ILookup<int, PlannedStart> _starts = Enumerable.Empty<PlannedStart>().ToLookup(s => s.Step);

    /// <inheritdoc />
    public string Name => "optimal";
    /// <summary>The plan made.</summary>
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
        _plan = OptimalPlanner.Solve(PlanningProblem.Offline(scenario, objective), options);
        _starts = _plan.Starts.ToLookup(s => s.Step);
    }

    /// <inheritdoc />
    public void Decide(FleetState state) => PlanExecutor.Apply(state, _plan!, _starts);
}
