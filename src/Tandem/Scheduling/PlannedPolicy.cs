using Tandem.Planning;
using Tandem.Scenarios;

namespace Tandem.Scheduling;

/// <summary>A policy that plans the whole period once, before the first step, with perfect foresight, and then
/// carries the plan out step by step.</summary>
public abstract class PlannedPolicy : IPlanningPolicy, IForesightPolicy
{
    private ILookup<int, PlannedStart> _starts = Enumerable.Empty<PlannedStart>().ToLookup(s => s.Step);

    /// <inheritdoc />
    public abstract string Name { get; }
    /// <summary>The plan made for the last scenario prepared.</summary>
    public Plan? Plan { get; private set; }
    /// <inheritdoc />
    public double PlanningSeconds => Plan?.SolveSeconds ?? 0;
    /// <inheritdoc />
    public string Method => Plan?.Describe() ?? "";
    /// <inheritdoc />
    public double? LowerBound => Plan?.LowerBound;

    /// <summary>Makes the plan for a scenario.</summary>
    protected abstract Plan MakePlan(Scenario scenario);

    /// <inheritdoc />
    public void Foresee(Scenario oracle)
    {
        Plan = MakePlan(oracle);
        _starts = Plan.Starts.ToLookup(s => s.Step);
    }

    /// <inheritdoc />
    public void Prepare(PolicySetup setup)
    {
        if (Plan is null) throw new InvalidOperationException($"{Name} plans the whole period with foresight: call Foresee first.");
    }

    /// <inheritdoc />
    public void Decide(DecisionContext context) => PlanExecutor.Apply(context, Plan!, _starts);
}
