using Tandem.Fleet;
using Tandem.Time;
using Tandem.Workloads;

namespace Tandem.Planning;

/// <summary>What a planner plans over: the sites, the jobs it may look up, the decision grid and the inference
/// regions. For the perfect-foresight yardsticks it is the whole scenario; for an online policy it is built from an
/// observation, so a job not yet released cannot be looked up.</summary>
public sealed class PlanningScope(FleetLayout fleet, TimeGrid grid, Func<int, Job> job, IReadOnlyList<InferenceDemand> inference)
{
    /// <summary>The sites.</summary>
    public IReadOnlyList<Site> Sites => fleet.Sites;
    /// <summary>The layout.</summary>
    public FleetLayout Fleet => fleet;
    /// <summary>The decision grid.</summary>
    public TimeGrid Grid => grid;
    /// <summary>Jobs by index.</summary>
    public JobLookup Jobs { get; } = new(job);
    /// <summary>Online inference regions.</summary>
    public IReadOnlyList<InferenceDemand> Inference => inference;
    /// <summary>The cost of moving a job's data between two sites.</summary>
    public SiteTransfer Transfer(int from, int to) => fleet.Transfer(from, to);
}
