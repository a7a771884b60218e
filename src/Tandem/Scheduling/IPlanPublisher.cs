using Tandem.Planning;

namespace Tandem.Scheduling;

/// <summary>A policy that keeps a plan beyond the current step (mpc re-plans the jobs in hand every step): the starts
/// it last planned, on the run's step grid, so a live service can show each job's planned start, site, level and reason.</summary>
public interface IPlanPublisher
{
    /// <summary>The starts planned at the last decision (empty when nothing was waiting).</summary>
    IReadOnlyList<PlannedStart> LatestPlan { get; }
}
