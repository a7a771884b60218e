using Tandem.Fleet;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Scenarios;

/// <summary>Applies an operator's <see cref="FleetEdit"/> to a run's world: the fleet's layout from a step on, and the
/// series that change with it (a new site's grid signals, a re-rated plant's output, a new tariff's prices). It checks
/// what the edit alone decides (the site exists, a new site's zone has signals, the idle draw fits the grid limit);
/// what depends on the fleet's state at that moment (GPUs in use, the draw now) the simulated fleet checks.</summary>
public static class FleetEdits
{
    /// <summary>The most sites a fleet may have after an edit.</summary>
    public const int MaxSites = 200;
    /// <summary>The most GPU pools, over all sites, a fleet may have after an edit.</summary>
    public const int MaxPools = 1_000;

    /// <summary>The world with <paramref name="edit"/> in force from step <paramref name="fromStep"/>; the steps before
    /// keep the layout and series they had. <see cref="FleetEditException"/> names the field at fault.</summary>
    public static Scenario Apply(Scenario world, int fromStep, FleetEdit edit)
    {
        if (fromStep < 0 || fromStep >= world.Grid.Count)
            throw new FleetEditException("step", $"the run has no step {fromStep} left to change the fleet for (it has {world.Grid.Count})", conflict: true);
        var sites = world.Sites.ToList();
        var signals = Enumerable.Range(0, sites.Count).Select(world.Signals.Site).ToList();
        if (edit is RegisterSite r) Register(world, r.Site, sites, signals);
        else
        {
            var s = world.SiteIndex(edit.SiteId);
            if (s < 0) throw new FleetEditException("site", $"there is no site '{edit.SiteId}'") { UnknownSite = true };
            var (site, series) = Change(world, fromStep, sites[s], signals[s], edit);
            sites[s] = site;
            signals[s] = series;
            CheckIdle(world, fromStep, site, series, edit is PutPool ? "count" : "grid_limit_kw");
        }
        // Every pool costs the run's books a series per inference region; a bound keeps one request from sizing them without end.
        if (edit is RegisterSite && sites.Count > MaxSites) throw new FleetEditException("id", $"the fleet has {world.Sites.Count} sites, the most a running fleet may have is {MaxSites}", conflict: true);
        if (sites.Sum(x => x.Pools.Count) is var pools && pools > MaxPools && pools > world.Sites.Sum(x => x.Pools.Count))
            throw new FleetEditException("pools", $"the fleet would have {pools} GPU pools; a running fleet may have at most {MaxPools}", conflict: true);
        var layout = new FleetLayout(sites, world.Transfers);
        var history = world.FleetHistory.Count == 0 ? [new FleetRevision(0, world.Fleet)] : world.FleetHistory.ToList();
        if (history[^1].FromStep == fromStep) history[^1] = new FleetRevision(fromStep, layout);
        else if (history[^1].FromStep < fromStep) history.Add(new FleetRevision(fromStep, layout));
        else throw new FleetEditException("step", $"the fleet already changed at step {history[^1].FromStep}, after step {fromStep}", conflict: true);
        return world with { Fleet = layout, Signals = world.Signals.WithSites(sites, signals), FleetHistory = history };
    }

    private static void Register(Scenario world, Site site, List<Site> sites, List<SiteSignals> signals)
    {
        if (world.SiteIndex(site.Id) >= 0) throw new FleetEditException("id", $"site '{site.Id}' is already in the fleet", conflict: true);
        if (site.Solar is not null || site.Wind is not null)
            throw new FleetEditException(site.Solar is not null ? "solar" : "wind", "a site registered while the service runs has no on-site plants: the run has no output series for them");
        if (site.Pue.NeedsTemperature)
            throw new FleetEditException("pue", "a site registered while the service runs has no temperature series; give it a constant PUE (per_degree_c 0)");
        var twin = sites.FindIndex(x => x.GridZone.Length > 0 && x.GridZone == site.GridZone);
        if (twin < 0)
            throw new FleetEditException("grid_zone", $"no site in the fleet draws from zone '{site.GridZone}', so the run has no carbon intensity or price for it; zones: {string.Join(", ", sites.Select(x => x.GridZone).Where(z => z.Length > 0).Distinct())}");
        var t = signals[twin];
        var series = t with
        {
            Generation = null, TemperatureC = null, SolarOutput = null, WindOutput = null,
            History = t.History is { } h ? h with { Generation = null, TemperatureC = null } : null,
        };
        CheckIdle(world, 0, site, series, "grid_limit_kw");
        sites.Add(site);
        signals.Add(series);
    }

    private static (Site, SiteSignals) Change(Scenario world, int fromStep, Site site, SiteSignals series, FleetEdit edit)
    {
        switch (edit)
        {
            case UpdateSite u:
                if (u.Pue is { NeedsTemperature: true } && series.TemperatureC is null)
                    throw new FleetEditException("pue", $"site {site.Id} has no temperature series; its PUE must be constant (per_degree_c 0)");
                return (Rebuild(site, name: u.Name, pue: u.Pue, gridLimit: u.GridLimit), series);
            case PutPool p:
                var pools = site.Pools.ToList();
                var i = pools.FindIndex(x => x.Id == p.Pool.Id);
                if (i < 0) pools.Add(p.Pool);
                else
                {
                    if (!SameCurve(pools[i].Curve, p.Pool.Curve))
                        throw new FleetEditException("power_curve", $"pool {site.Id}/{p.Pool.Id} keeps the power curve it was registered with (jobs hold its levels); leave power_curve out or give the same levels");
                    pools[i] = p.Pool;
                }
                return (Rebuild(site, pools: pools), series);
            case PutBattery b:
                return (Rebuild(site, battery: b.Battery), series);
            case PutPlant pl:
                var (plant, output) = pl.Kind == PlantKind.Solar ? (site.Solar, series.SolarOutput) : (site.Wind, series.WindOutput);
                var kind = pl.Kind.ToString().ToLowerInvariant();
                if (plant is null || output is null)
                    throw new FleetEditException("kind", $"site {site.Id} has no {kind} plant, and the run has no output profile for a new one");
                var scaled = Scaled(output, fromStep, pl.Capacity.Kilowatts / plant.Capacity.Kilowatts);
                var (solar, wind) = pl.Kind == PlantKind.Solar ? (scaled, series.WindOutput) : (series.SolarOutput, scaled);
                var generation = new Series<Power>(world.Grid, Enumerable.Range(0, world.Grid.Count)
                    .Select(t => (solar is null ? Power.Zero : solar[t]) + (wind is null ? Power.Zero : wind[t])).ToArray());
                var rerated = new RenewablePlant(pl.Capacity);
                return (pl.Kind == PlantKind.Solar ? Rebuild(site, solar: rerated) : Rebuild(site, wind: rerated),
                    series with { SolarOutput = solar, WindOutput = wind, Generation = generation });
            case PutTariff tt:
                var currency = tt.Tariff.Prices.Values.First().Currency;
                if (currency != world.Currency)
                    throw new FleetEditException("currency", $"the tariff is in {currency.Code}; the run reports in {world.Currency.Code}");
                var tariff = tt.Tariff.ToSeries(world.Grid);
                var prices = Enumerable.Range(0, world.Grid.Count).Select(t => t < fromStep ? series.Price[t] : tariff[t]).ToArray();
                return (site, series with { Price = new Series<EnergyPrice>(world.Grid, prices) });
            default:
                throw new ArgumentException($"unknown fleet edit {edit.GetType().Name}", nameof(edit));
        }
    }

    /// <summary>The site with the given parts changed and the rest as they were.</summary>
    private static Site Rebuild(Site s, string? name = null, PueModel? pue = null, Power? gridLimit = null, IReadOnlyList<GpuPool>? pools = null,
        Battery? battery = null, RenewablePlant? solar = null, RenewablePlant? wind = null) =>
        new(s.Id, name ?? s.Name, s.TimeZone, pools ?? s.Pools, pue ?? s.Pue, gridLimit ?? s.GridLimit, solar ?? s.Solar, wind ?? s.Wind, battery ?? s.Battery, s.GridZone);

    private static bool SameCurve(PowerCurve a, PowerCurve b) =>
        a.Levels.Count == b.Levels.Count && a.Levels.Zip(b.Levels).All(x => x.First == x.Second);

    private static Series<Power> Scaled(Series<Power> output, int fromStep, double factor) =>
        new(output.Grid, Enumerable.Range(0, output.Count).Select(t => t < fromStep ? output[t] : output[t] * factor).ToArray());

    /// <summary>As a scenario file's site: with every GPU idle, the facility's draw at the highest PUE of the steps
    /// left stays within the grid limit.</summary>
    private static void CheckIdle(Scenario world, int fromStep, Site site, SiteSignals series, string field)
    {
        var maxPue = Enumerable.Range(fromStep, world.Grid.Count - fromStep).Max(t => site.Pue.At(series.TemperatureC?[t]));
        var idleKw = site.IdleItPower.Kilowatts * maxPue;
        if (idleKw > site.GridLimit.Kilowatts + 1e-9)
            throw new FleetEditException(field, $"site {site.Id}'s idle draw would be {idleKw:0.#} kW (idle GPUs × PUE), above its grid limit of {site.GridLimit.Kilowatts:0.#} kW");
    }
}
