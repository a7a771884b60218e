using Tandem.Scheduling;
using Tandem.Planning;
using Tandem.Scenarios;

namespace Tandem.Scheduling.Greedy;

/// <summary>`greedy`: plans the whole period once, with the same perfect foresight as `optimal`, using the
/// fleet-coordinated <see cref="GreedyPlanner"/>, then carries the plan out.</summary>
public sealed class GreedyPolicy(Objective objective) : PlannedPolicy
{
    /// <inheritdoc />
    public override string Name => "greedy";

    /// <inheritdoc />
    protected override Plan MakePlan(Scenario scenario) => GreedyPlanner.Solve(PlanningProblem.Offline(scenario, objective));
}
