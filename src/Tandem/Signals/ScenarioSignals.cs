using Tandem.Fleet;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Signals;

/// <summary>The signals a scenario's files give, as a <see cref="ISignalSource"/>: per site (zone = site id, or the
/// site's grid zone) carbon intensity, marginal intensity, carbon-free share, price, on-site generation, temperature
/// and PUE; per inference region (zone = region) the GPUs its demand needs. Grid carbon, carbon-free share and price
/// reach back over the history grid before the start where the scenario asks for one (history_days). The simulator and
/// the perfect-foresight yardsticks read it whole; a policy only ever sees it through a <see cref="SignalView"/>.</summary>
public sealed class ScenarioSignals : ISignalSource
{
    private readonly IReadOnlyList<Site> _sites;
    private readonly IReadOnlyList<SiteSignals> _site;
    private readonly IReadOnlyList<InferenceDemand> _regions;
    private readonly IReadOnlyList<Series<double>> _inference;
    private readonly Dictionary<(int, SignalKind), SignalSeries?> _extended = [];

    /// <summary>Creates the source; every series is on <paramref name="grid"/>, one <see cref="SiteSignals"/> per site
    /// and one demand series per region, in the same order.</summary>
    public ScenarioSignals(TimeGrid grid, IReadOnlyList<Site> sites, IReadOnlyList<SiteSignals> siteSignals,
        IReadOnlyList<InferenceDemand> regions, IReadOnlyList<Series<double>> inferenceGpus, TimeGrid? historyGrid = null)
    {
        if (siteSignals.Count != sites.Count) throw new ArgumentException("One SiteSignals per site.", nameof(siteSignals));
        if (inferenceGpus.Count != regions.Count) throw new ArgumentException("One demand series per region.", nameof(inferenceGpus));
        foreach (var s in siteSignals)
            if (s.AverageIntensity.Grid != grid || s.Price.Grid != grid || (s.CarbonFreeShare is { } c && c.Grid != grid)
                || (s.Generation is { } g && g.Grid != grid) || (s.TemperatureC is { } t && t.Grid != grid))
                throw new ArgumentException("Every site series must sit on the scenario grid.", nameof(siteSignals));
        if (historyGrid is { } hg && (hg.Step != grid.Step || hg.End != grid.Start))
            throw new ArgumentException("The history grid has the scenario's step and ends at its start.", nameof(historyGrid));
        Grid = grid;
        HistoryGrid = historyGrid;
        _sites = sites;
        _site = siteSignals;
        _regions = regions;
        _inference = inferenceGpus;
    }

    /// <summary>The same source for a changed fleet: <paramref name="sites"/> with their series, the regions as they were.</summary>
    public ScenarioSignals WithSites(IReadOnlyList<Site> sites, IReadOnlyList<SiteSignals> siteSignals) =>
        new(Grid, sites, siteSignals, _regions, _inference, HistoryGrid);

    /// <summary>The scenario grid.</summary>
    public TimeGrid Grid { get; }
    /// <summary>The days before the start that grid signals reach back over, or null.</summary>
    public TimeGrid? HistoryGrid { get; }
    /// <summary>The series of site <paramref name="site"/>.</summary>
    public SiteSignals Site(int site) => _site[site];

    /// <summary>Average grid carbon intensity at a site in a step.</summary>
    public CarbonIntensity Carbon(int site, int step) => _site[site].AverageIntensity[step];
    /// <summary>Marginal grid carbon intensity, or null where the data has none.</summary>
    public CarbonIntensity? Marginal(int site, int step) => _site[site].MarginalIntensity?[step];
    /// <summary>Carbon-free share of grid energy (zero where the data has none).</summary>
    public Fraction CarbonFree(int site, int step) => _site[site].CarbonFreeShare?[step] ?? Fraction.Zero;
    /// <summary>Grid energy price.</summary>
    public EnergyPrice Price(int site, int step) => _site[site].Price[step];
    /// <summary>On-site renewable output.</summary>
    public Power Generation(int site, int step) => _site[site].Generation?[step] ?? Power.Zero;
    /// <summary>PUE at a site in a step, from its PUE model and the outdoor temperature.</summary>
    public double Pue(int site, int step) => _sites[site].Pue.At(_site[site].TemperatureC?[step]);
    /// <summary>GPUs a region's online demand needs in a step.</summary>
    public double InferenceGpus(int region, int step) => _inference[region][step];
    /// <summary>Whether every site's data gives a marginal intensity.</summary>
    public bool HasMarginal => _site.All(s => s.MarginalIntensity is not null);

    /// <inheritdoc />
    public SignalSeries? Read(string zone, SignalKind kind, Interval range)
    {
        var full = Full(zone, kind);
        if (full is null) return null;
        var g = full.Grid;
        var from = Math.Max(0, g.CeilingIndex(range.Start));
        var to = Math.Min(g.Count, g.CeilingIndex(range.End));
        if (to <= from) return null;
        var values = full.Values.Values.Slice(from, to - from).ToArray();
        return full with { Values = new Series<double>(new TimeGrid(g.TimeAt(from), g.Step, values.Length), values) };
    }

    /// <inheritdoc />
    public IReadOnlyList<SignalCatalogEntry> Catalog()
    {
        var list = new List<SignalCatalogEntry>();
        foreach (var zone in _sites.Select(s => s.Id).Concat(_regions.Select(r => r.Region)))
            foreach (var kind in Enum.GetValues<SignalKind>())
                if (Full(zone, kind) is { } s)
                    list.Add(new SignalCatalogEntry(zone, kind, s.Grid.Step, s.Grid.Start, s.Grid.End, s.Grid.Count, s.Currency));
        return list;
    }

    /// <inheritdoc />
    public IReadOnlyList<KnownAhead> KnownAhead(string zone) => SiteOf(zone) is var s and >= 0 ? _site[s].KnownAhead : [];

    private int SiteOf(string zone)
    {
        var site = -1;
        for (var i = 0; i < _sites.Count && site < 0; i++) if (_sites[i].Id == zone) site = i;
        for (var i = 0; i < _sites.Count && site < 0; i++) if (_sites[i].GridZone.Length > 0 && _sites[i].GridZone == zone) site = i;
        return site;
    }

    private SignalSeries? Full(string zone, SignalKind kind)
    {
        var site = SiteOf(zone);
        if (site < 0)
        {
            if (kind != SignalKind.Inference) return null;
            for (var r = 0; r < _regions.Count; r++)
                if (_regions[r].Region == zone) return new SignalSeries(zone, kind, _inference[r]);
            return null;
        }
        if (_extended.TryGetValue((site, kind), out var cached)) return cached;
        var s = _site[site];
        var h = s.History;
        var series = kind switch
        {
            SignalKind.Carbon => Extend(s.AverageIntensity, h?.AverageIntensity, v => v.GramsPerKilowattHour),
            SignalKind.CarbonFree => s.CarbonFreeShare is null ? null : Extend(s.CarbonFreeShare, h?.CarbonFreeShare, v => v.Value),
            SignalKind.Price => Extend(s.Price, h?.Price, v => v.PerMegawattHour),
            SignalKind.MarginalCarbon => s.MarginalIntensity?.Select(v => v.GramsPerKilowattHour),
            SignalKind.Generation => Extend(s.Generation ?? Series<Power>.Constant(Grid, Power.Zero),
                s.Generation is null && h is not null ? Series<Power>.Constant(h.Grid, Power.Zero) : h?.Generation, v => v.Kilowatts),
            SignalKind.Temperature => s.TemperatureC is null ? null : Extend(s.TemperatureC, h?.TemperatureC, v => v),
            SignalKind.Pue => s.TemperatureC is null
                ? Extend(Series<double>.Constant(Grid, Pue(site, 0)), h is null ? null : Series<double>.Constant(h.Grid, Pue(site, 0)), v => v)
                : Extend(s.TemperatureC, h?.TemperatureC, v => _sites[site].Pue.At(v)),
            _ => null,
        };
        var result = series is null ? null
            : new SignalSeries(_sites[site].Id, kind, series, kind == SignalKind.Price && s.Price.Count > 0 ? s.Price[0].Currency.Code : null);
        _extended[(site, kind)] = result;
        return result;
    }

    /// <summary>History (when given, and only when it covers the whole history grid) followed by the period.</summary>
    private Series<double> Extend<T>(Series<T> period, Series<T>? history, Func<T, double> value)
    {
        if (HistoryGrid is not { } hg || history is null || history.Count != hg.Count) return period.Select(value);
        var v = new double[hg.Count + period.Count];
        for (var i = 0; i < history.Count; i++) v[i] = value(history[i]);
        for (var i = 0; i < period.Count; i++) v[hg.Count + i] = value(period[i]);
        return new Series<double>(new TimeGrid(hg.Start, Grid.Step, v.Length), v);
    }
}
