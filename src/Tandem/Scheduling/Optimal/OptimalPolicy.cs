using Tandem.Scheduling;
using Tandem.Planning;
using Tandem.Scenarios;

namespace Tandem.Scheduling.Optimal;

/// <summary>`optimal`: the perfect-foresight yardstick. Plans the whole period once with <see cref="OptimalPlanner"/>
/// (exact MILP where it fits, LP relaxation plus repair where it does not) and carries the plan out.</summary>
public sealed class OptimalPolicy(Objective objective, OptimalOptions? options = null) : PlannedPolicy
{
    /// <inheritdoc />
    public override string Name => "optimal";

    /// <inheritdoc />
    protected override Plan MakePlan(Scenario scenario) => OptimalPlanner.Solve(PlanningProblem.Offline(scenario, objective), options);
}
