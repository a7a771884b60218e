using Tandem.Fleet;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Scenarios;

/// <summary>A fully resolved scenario: the grid, the fleet with its signals, the jobs and the online demand, all in
/// Tandem units on one time grid and one currency. Built by the scenario loader or in code.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Grid">The simulation grid.</param>
/// <param name="Currency">Reporting currency; every price in the scenario is in it.</param>
/// <param name="Sites">The sites.</param>
/// <param name="Jobs">Batch jobs, in any order.</param>
/// <param name="Inference">Online inference demand per region.</param>
public sealed record Scenario(
    string Name,
    TimeGrid Grid,
    Currency Currency,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<InferenceDemand> Inference)
{
    private Dictionary<(int, int), SiteTransfer>? _transferIndex;

    /// <summary>Data-transfer costs between sites; a pair not listed costs nothing.</summary>
    public IReadOnlyList<SiteTransfer> Transfers { get; init; } = [];

    /// <summary>The cost of moving a job's data from site index <paramref name="from"/> to <paramref name="to"/>.</summary>
    public SiteTransfer Transfer(int from, int to)
    {
        if (from == to) return SiteTransfer.None(Sites[from].Id);
        _transferIndex ??= Transfers.ToDictionary(t => (SiteIndex(t.From), SiteIndex(t.To)));
        return _transferIndex.TryGetValue((from, to), out var t) ? t : new SiteTransfer(Sites[from].Id, Sites[to].Id, TimeSpan.Zero, Units.Energy.Zero);
    }

    /// <summary>Index of a site by id, or -1.</summary>
    public int SiteIndex(string id)
    {
        for (var i = 0; i < Sites.Count; i++) if (Sites[i].Id == id) return i;
        return -1;
    }
}
