using Tandem.Fleet;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Scenarios;

/// <summary>A fully resolved scenario: the period, the fleet, the jobs, the online inference regions, and the signals
/// its files give (the whole period, and the history before it where asked for), all in Tandem units on one time grid
/// and one currency. It is the world a simulation runs in: the simulator and the perfect-foresight yardsticks read it
/// whole; an online policy never sees it, only an observation and a <see cref="SignalView"/> that ends at "now".</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Grid">The simulation grid.</param>
/// <param name="Currency">Reporting currency; every price in the scenario is in it.</param>
/// <param name="Fleet">The sites and the cost of moving data between them: the fleet as it stands after every
/// revision in <see cref="FleetHistory"/> (a scenario file's fleet holds for the whole period).</param>
/// <param name="Jobs">Batch jobs, in any order; a job's index here is its index in observations and plans.</param>
/// <param name="Inference">Online inference regions.</param>
/// <param name="Signals">The series the scenario's files give.</param>
public sealed record Scenario(
    string Name,
    TimeGrid Grid,
    Currency Currency,
    FleetLayout Fleet,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<InferenceDemand> Inference,
    ScenarioSignals Signals)
{
    /// <summary>The levers a policy may pull (default all); <see cref="LeverSwitches.WithLevers"/> turns them off.
    /// The simulator enforces capping and place through the fleet and the jobs; time off is a rule the planners keep.</summary>
    public Levers Levers { get; init; } = Levers.All;

    /// <summary>How the fleet changed during the run (operators' edits, <see cref="FleetEdits"/>): the layout in force
    /// from each step on, the first from step 0, the last being <see cref="Fleet"/>; empty when the fleet never changed.
    /// Later layouts only add sites and pools, so indices hold across them.</summary>
    public IReadOnlyList<FleetRevision> FleetHistory { get; init; } = [];

    /// <summary>The layout in force at step <paramref name="step"/>.</summary>
    public FleetLayout FleetAt(int step)
    {
        if (FleetHistory.Count == 0) return Fleet;
        // The last revision from at or before the step (binary search: the validator asks per site, step and stretch).
        int lo = 0, hi = FleetHistory.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (FleetHistory[mid].FromStep <= step) lo = mid;
            else hi = mid - 1;
        }
        return FleetHistory[lo].Layout;
    }

    /// <summary>The sites (after every revision: every site the run ever had).</summary>
    public IReadOnlyList<Site> Sites => Fleet.Sites;

    /// <summary>Data-transfer costs between sites; a pair not listed costs nothing.</summary>
    public IReadOnlyList<SiteTransfer> Transfers => Fleet.Transfers;

    /// <summary>The cost of moving a job's data from site index <paramref name="from"/> to <paramref name="to"/>.</summary>
    public SiteTransfer Transfer(int from, int to) => Fleet.Transfer(from, to);

    /// <summary>Index of a site by id, or -1.</summary>
    public int SiteIndex(string id) => Fleet.SiteIndex(id);
}
