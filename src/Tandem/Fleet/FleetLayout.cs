namespace Tandem.Fleet;

/// <summary>What a fleet is made of, without any time series: its sites (pools, plants, batteries, grid connections)
/// and what moving a job's data between two sites costs. Indices into <see cref="Sites"/> are the site indices every
/// planner, observation and trace uses.</summary>
public sealed class FleetLayout
{
    private readonly Dictionary<(int, int), SiteTransfer> _transfers;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a layout; site ids are unique and every transfer names two of its sites.</summary>
    public FleetLayout(IReadOnlyList<Site> sites, IReadOnlyList<SiteTransfer> transfers)
    {
        Sites = sites;
        Transfers = transfers;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sites.Count; i++)
            if (!_index.TryAdd(sites[i].Id, i)) throw new ArgumentException($"Site id '{sites[i].Id}' repeats.", nameof(sites));
        _transfers = [];
        foreach (var t in transfers)
        {
            if (!_index.TryGetValue(t.From, out var a) || !_index.TryGetValue(t.To, out var b))
                throw new ArgumentException($"Transfer {t.From} → {t.To} names a site that is not in the fleet.", nameof(transfers));
            _transfers[(a, b)] = t;
        }
    }

    /// <summary>The sites.</summary>
    public IReadOnlyList<Site> Sites { get; }
    /// <summary>Data-transfer costs between sites; a pair not listed costs nothing.</summary>
    public IReadOnlyList<SiteTransfer> Transfers { get; }

    /// <summary>The cost of moving a job's data from site index <paramref name="from"/> to <paramref name="to"/>.</summary>
    public SiteTransfer Transfer(int from, int to)
    {
        if (from == to) return SiteTransfer.None(Sites[from].Id);
        return _transfers.TryGetValue((from, to), out var t) ? t : new SiteTransfer(Sites[from].Id, Sites[to].Id, TimeSpan.Zero, Units.Energy.Zero);
    }

    /// <summary>Index of a site by id, or -1.</summary>
    public int SiteIndex(string id) => _index.TryGetValue(id, out var i) ? i : -1;
}
