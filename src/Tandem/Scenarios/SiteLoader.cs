using System.Text.Json;
using Tandem.Fleet;
using Tandem.Formats;
using Tandem.Grid;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Scenarios;

/// <summary>Builds the sites of a scenario from their documents, collecting every problem.</summary>
internal static class SiteLoader
{
    /// <summary>The sites that loaded, each with the series its files give (the fleet carries no series itself).</summary>
    public static List<(Site Site, SiteSignals Signals)> LoadAll(List<SiteDocument>? docs, SignalLoader signals, ProblemList problems)
    {
        var sites = new List<(Site, SiteSignals)>();
        if (docs is null || docs.Count == 0) { problems.Add("sites", "at least one site is required"); return sites; }
        var ids = new HashSet<string>();
        for (var i = 0; i < docs.Count; i++)
        {
            var f = $"sites[{i}]";
            if (problems.IsNullEntry(docs[i], f, "a site")) continue;
            if (docs[i].Id is { } id && !ids.Add(id)) problems.Add($"{f}.id", $"'{id}' is used by another site");
            var site = Load(docs[i], f, signals, problems);
            if (site is { } loaded) sites.Add(loaded);
        }
        return sites;
    }

    private static (Site, SiteSignals)? Load(SiteDocument d, string f, SignalLoader signals, ProblemList problems)
    {
        var before = problems.Count;
        var grid = signals.Grid;
        var id = problems.RequireText(d.Id, $"{f}.id");
        var zone = TimeZoneInfo.Utc;
        if (d.TimeZone is null || !Timestamps.TryParseZone(d.TimeZone, out zone))
            problems.Add($"{f}.time_zone", $"'{d.TimeZone}' is neither an IANA zone (Asia/Shanghai) nor an offset (+08:00)");
        var limit = problems.Require(d.GridLimitKw, $"{f}.grid_limit_kw");
        if (d.GridLimitKw is { } gl && !(gl > 0)) problems.Add($"{f}.grid_limit_kw", $"{gl} must be positive");
        problems.AtMost(d.GridLimitKw, $"{f}.grid_limit_kw", ScenarioLimits.MaxKilowatts, "kW");
        var pools = Pools(d.Pools, f, signals, problems);
        var (pue, temperature) = Pue(d.Pue, $"{f}.pue", signals, problems);
        var (solar, solarKw) = Plant(d.Solar, $"{f}.solar", signals, problems);
        var (wind, windKw) = Plant(d.Wind, $"{f}.wind", signals, problems);
        var battery = Battery(d.Battery, $"{f}.battery", problems);
        var gridSignals = Signals(d.Grid, $"{f}.grid", signals, problems);
        if (problems.Count > before || pue is null || gridSignals is null) return null;
        var maxPue = Enumerable.Range(0, grid.Count).Max(t => pue.At(temperature?[t]));
        var idleKw = pools.Sum(p => p.IdlePowerPerGpu.Kilowatts * p.Count) * maxPue;
        if (idleKw > limit)
        {
            problems.Add($"{f}.grid_limit_kw", $"{limit} kW is below the site's idle draw of {idleKw:0.#} kW (idle GPUs × PUE)");
            return null;
        }
        Series<Power>? generation = null;
        if (solarKw is not null || windKw is not null)
            generation = new Series<Power>(grid, Enumerable.Range(0, grid.Count)
                .Select(t => Power.FromKilowatts((solarKw?[t] ?? 0) + (windKw?[t] ?? 0))).ToArray());
        var site = new Site(id, d.Name ?? id, zone, pools, pue, Power.FromKilowatts(limit), solar, wind, battery, d.Grid?.Zone ?? "");
        if (signals.HistoryGrid is { } hg && gridSignals.History is { } history)
        {
            // On-site output and temperature reach back too, so an online policy forecasts them from the first hour.
            var pastTemp = temperature is null ? null : Pue(d.Pue, $"{f}.pue", signals, problems, hg).Item2;
            var pastSolar = solar is null ? null : Plant(d.Solar, $"{f}.solar", signals, problems, hg).Item2;
            var pastWind = wind is null ? null : Plant(d.Wind, $"{f}.wind", signals, problems, hg).Item2;
            var pastGen = pastSolar is null && pastWind is null ? null : new Series<Power>(hg, Enumerable.Range(0, hg.Count)
                .Select(t => Power.FromKilowatts((pastSolar?[t] ?? 0) + (pastWind?[t] ?? 0))).ToArray());
            if (problems.Count > before) return null;
            gridSignals = gridSignals with { History = history with { Generation = pastGen, TemperatureC = pastTemp } };
        }
        return (site, gridSignals with
        {
            Generation = generation, TemperatureC = temperature,
            SolarOutput = solarKw is null ? null : new Series<Power>(grid, solarKw.Select(Power.FromKilowatts).ToArray()),
            WindOutput = windKw is null ? null : new Series<Power>(grid, windKw.Select(Power.FromKilowatts).ToArray()),
        });
    }

    private static List<GpuPool> Pools(List<PoolDocument>? docs, string f, SignalLoader signals, ProblemList problems)
    {
        var pools = new List<GpuPool>();
        if (docs is null || docs.Count == 0) { problems.Add($"{f}.pools", "at least one GPU pool is required"); return pools; }
        for (var i = 0; i < docs.Count; i++)
        {
            var p = docs[i];
            var pf = $"{f}.pools[{i}]";
            if (problems.IsNullEntry(p, pf, "a GPU pool")) continue;
            var before = problems.Count;
            var id = problems.RequireText(p.Id, $"{pf}.id");
            var count = problems.Require(p.Count, $"{pf}.count");
            if (p.Count is < 1) problems.Add($"{pf}.count", $"{p.Count} must be at least 1");
            problems.AtMost(p.Count, $"{pf}.count", ScenarioLimits.MaxGpus, "GPUs");
            var max = problems.Require(p.MaxPowerW, $"{pf}.max_power_w");
            if (p.MaxPowerW is { } mx && !(mx > 0)) problems.Add($"{pf}.max_power_w", $"{mx} must be positive");
            problems.AtMost(p.MaxPowerW, $"{pf}.max_power_w", ScenarioLimits.MaxWattsPerGpu, "W per GPU");
            var idle = problems.Require(p.IdlePowerW, $"{pf}.idle_power_w");
            if (p.IdlePowerW is { } il && (!(il >= 0) || il > max)) problems.Add($"{pf}.idle_power_w", $"{il} must lie between 0 and max_power_w");
            var curve = Curve(p.PowerCurve, $"{pf}.power_curve", signals, problems);
            if (problems.Count == before && curve is not null)
                pools.Add(new GpuPool(id, p.GpuModel ?? id, count, Power.FromWatts(idle), Power.FromWatts(max), curve));
        }
        if (pools.Select(p => p.Id).Distinct().Count() != pools.Count) problems.Add($"{f}.pools", "pool ids repeat");
        return pools;
    }

    private static PowerCurve? Curve(PowerCurveDocument? d, string f, SignalLoader signals, ProblemList problems)
    {
        if (d is null) return PowerCurve.FullPowerOnly;
        if (d.File is not null)
        {
            if (d.Format != "zeus") { problems.Add($"{f}.format", $"'{d.Format}' is not a power-curve format; use zeus"); return null; }
            return problems.Try($"{f}.file", () => ZeusPowerReader.ReadCurve(signals.Resolve(d.File)));
        }
        if (d.Levels is null || d.Levels.Count == 0) { problems.Add(f, "give a file (format zeus) or levels"); return null; }
        var before = problems.Count;
        var levels = new List<PowerLevel>();
        for (var i = 0; i < d.Levels.Count; i++)
        {
            var l = d.Levels[i];
            var lf = $"{f}.levels[{i}]";
            if (problems.IsNullEntry(l, lf, "a level { limit_fraction, throughput, power_fraction }")) continue;
            levels.Add(new PowerLevel(problems.Require(l.LimitFraction, $"{lf}.limit_fraction"), problems.Require(l.Throughput, $"{lf}.throughput"),
                problems.Require(l.PowerFraction, $"{lf}.power_fraction")));
        }
        if (problems.Count > before) return null;
        try { return new PowerCurve(levels); }
        catch (ArgumentException e) { problems.Add($"{f}.levels", e.Message); return null; }
    }

    private static (PueModel?, Series<double>?) Pue(JsonElement? e, string f, SignalLoader signals, ProblemList problems, TimeGrid? on = null)
    {
        if (e is null || e.Value.ValueKind == JsonValueKind.Null) return (PueModel.Constant(1.0), null);
        if (e.Value.ValueKind == JsonValueKind.Number)
        {
            var v = e.Value.GetDouble();
            if (v >= 1 && v < ScenarioLimits.MaxPue) return (PueModel.Constant(v), null);
            problems.Add(f, $"{v} must be at least 1 (and below {ScenarioLimits.MaxPue})");
            return (null, null);
        }
        if (e.Value.ValueKind != JsonValueKind.Object) { problems.Add(f, "give a number or {base, per_degree_c, above_c, design_max_c, temperature}"); return (null, null); }
        PueDocument? d;
        try { d = e.Value.Deserialize<PueDocument>(ScenarioLoader.Json); }
        catch (JsonException ex)
        {
            var (field, message) = ScenarioLoader.JsonProblem(ex, typeof(PueDocument), f);
            problems.Add(field, message);
            return (null, null);
        }
        if (d is null) { problems.Add(f, "give a number or {base, per_degree_c, above_c, design_max_c, temperature}"); return (null, null); }
        var before = problems.Count;
        var b = problems.Require(d.Base, $"{f}.base");
        if (d.Base is { } bv && !(bv >= 1 && bv < ScenarioLimits.MaxPue)) problems.Add($"{f}.base", $"{bv} must be at least 1 (and below {ScenarioLimits.MaxPue})");
        var slope = d.PerDegreeC ?? 0;
        if (!(slope >= 0 && slope <= ScenarioLimits.MaxPuePerDegreeC)) problems.Add($"{f}.per_degree_c", $"{slope} must lie between 0 and {ScenarioLimits.MaxPuePerDegreeC}");
        problems.WithinPlusOrMinus(d.AboveC, $"{f}.above_c", ScenarioLimits.MaxAbsDegreesC, "°C");
        var above = d.AboveC ?? 20;
        var design = d.DesignMaxC ?? Math.Max(PueModel.DefaultDesignMaxC, above);
        if (!(design >= above && design <= ScenarioLimits.MaxAbsDegreesC))
            problems.Add($"{f}.design_max_c", $"{design} must lie between above_c ({above}) and {ScenarioLimits.MaxAbsDegreesC} °C");
        var grid = on ?? signals.Grid;
        var temp = signals.Load(d.Temperature, on is null ? $"{f}.temperature" : $"{f}.temperature (history_days)", "temperature_c", on);
        var hot = temp is null ? -1 : Array.FindIndex(temp, t => !(Math.Abs(t) <= ScenarioLimits.MaxAbsDegreesC));
        if (hot >= 0) problems.Add($"{f}.temperature", $"{temp![hot]} °C at {grid.TimeAt(hot):O} lies outside ±{ScenarioLimits.MaxAbsDegreesC} °C");
        if (temp is null || problems.Count > before) return (null, null);
        return (PueModel.TemperatureDependent(b, slope, above, design), new Series<double>(grid, temp));
    }

    private static (RenewablePlant?, double[]?) Plant(PlantDocument? d, string f, SignalLoader signals, ProblemList problems, TimeGrid? on = null)
    {
        if (d is null) return (null, null);
        var cap = problems.Require(d.CapacityKw, $"{f}.capacity_kw");
        if (d.CapacityKw is { } c && !(c > 0)) problems.Add($"{f}.capacity_kw", $"{c} must be positive");
        problems.AtMost(d.CapacityKw, $"{f}.capacity_kw", ScenarioLimits.MaxKilowatts, "kW");
        var column = d.Profile?.Column ?? "power_kw";
        var values = signals.Load(d.Profile, on is null ? $"{f}.profile" : $"{f}.profile (history_days)", "power_kw", on);
        if (values is null) return (null, null);
        if (!column.EndsWith("_fraction", StringComparison.Ordinal))
        {
            if (d.ProfileNominalKw is not { } nominal || !(nominal > 0))
            {
                problems.Add($"{f}.profile_nominal_kw", "is required (and positive) when the profile column is a power, to turn it into output per unit of capacity");
                return (null, null);
            }
            if (nominal > ScenarioLimits.MaxKilowatts) { problems.AtMost(nominal, $"{f}.profile_nominal_kw", ScenarioLimits.MaxKilowatts, "kW"); return (null, null); }
            for (var i = 0; i < values.Length; i++) values[i] /= nominal;
        }
        // Output above nameplate is clipped (inverter limit); small negative night readings become zero.
        var outputKw = values.Select(v => cap * Fraction.Clamped(v).Value).ToArray();
        return cap > 0 ? (new RenewablePlant(Power.FromKilowatts(cap)), outputKw) : (null, null);
    }

    private static Battery? Battery(BatteryDocument? d, string f, ProblemList problems)
    {
        if (d is null) return null;
        var before = problems.Count;
        var e = problems.Require(d.EnergyKwh, $"{f}.energy_kwh");
        var p = problems.Require(d.PowerKw, $"{f}.power_kw");
        if (d.EnergyKwh is { } ev && !(ev > 0)) problems.Add($"{f}.energy_kwh", $"{ev} must be positive");
        if (d.PowerKw is { } pv && !(pv > 0)) problems.Add($"{f}.power_kw", $"{pv} must be positive");
        problems.AtMost(d.EnergyKwh, $"{f}.energy_kwh", ScenarioLimits.MaxKilowattHours, "kWh");
        problems.AtMost(d.PowerKw, $"{f}.power_kw", ScenarioLimits.MaxKilowatts, "kW");
        var eta = d.RoundTripEfficiency ?? 0.9;
        if (!(eta > 0 && eta <= 1)) problems.Add($"{f}.round_trip_efficiency", $"{eta} must lie in (0, 1]");
        var soc = d.InitialSoc ?? 0.5;
        if (!(soc >= 0 && soc <= 1)) problems.Add($"{f}.initial_soc", $"{soc} must lie in [0, 1]");
        if (problems.Count > before) return null;
        return new Battery(Energy.FromKilowattHours(e), Power.FromKilowatts(p), Fraction.Of(eta), Fraction.Of(soc));
    }

    private static SiteSignals? Signals(GridDocument? d, string f, SignalLoader signals, ProblemList problems)
    {
        if (d is null) { problems.Add(f, "is required (zone, carbon, price or tou)"); return null; }
        var grid = signals.Grid;
        Series<CarbonIntensity>? avg = null;
        string? carbonNote = null;
        if (d.CarbonFactor is { } cf)
        {
            if (d.CarbonConstantGPerKwh is not null || d.Carbon is not null) problems.Add($"{f}.carbon_factor", "give one of carbon, carbon_constant_g_per_kwh and carbon_factor");
            else if (string.IsNullOrWhiteSpace(cf.File)) problems.Add($"{f}.carbon_factor.file", "is required: a grid factor table (JSON)");
            else
            {
                var path = signals.Resolve(cf.File);
                GridFactorTable? table = null;
                try { table = GridFactorTable.Read(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException) { problems.Add($"{f}.carbon_factor.file", $"{path}: {e.Message}"); }
                if (table is not null)
                {
                    if (table.Find(cf.Region, cf.Province, out var why) is { } found)
                    {
                        avg = Series<CarbonIntensity>.Constant(grid, found.Factor);
                        carbonNote = $"{found.Label}; {table.Source}";
                    }
                    else problems.Add($"{f}.carbon_factor", why!);
                }
            }
        }
        else if (d.CarbonConstantGPerKwh is { } k)
        {
            if (k >= 0 && k <= ScenarioLimits.MaxGramsPerKilowattHour) avg = Series<CarbonIntensity>.Constant(grid, CarbonIntensity.FromGramsPerKilowattHour(k));
            else problems.Add($"{f}.carbon_constant_g_per_kwh", $"{k} must lie between 0 and {ScenarioLimits.MaxGramsPerKilowattHour:#,0} g/kWh");
        }
        else avg = Intensity(signals.Load(d.Carbon, $"{f}.carbon", "carbon_intensity_g_per_kwh"), $"{f}.carbon", grid, problems);
        var marginal = d.MarginalCarbon is null ? null
            : Intensity(signals.Load(d.MarginalCarbon, $"{f}.marginal_carbon", "marginal_intensity_g_per_kwh"), $"{f}.marginal_carbon", grid, problems);
        Series<Fraction>? cfe = null;
        if (d.CfeShareConstant is { } cc)
        {
            if (cc is >= 0 and <= 1) cfe = Series<Fraction>.Constant(grid, Fraction.Of(cc));
            else problems.Add($"{f}.cfe_share_constant", $"{cc} must lie in [0, 1]");
        }
        else if (d.CfeShare is not null && signals.Load(d.CfeShare, $"{f}.cfe_share", "cfe_share_fraction") is { } share)
            cfe = new Series<Fraction>(grid, share.Select(Fraction.Clamped).ToArray());
        Series<EnergyPrice>? price = null;
        var currency = signals.ScenarioCurrency;
        if (d.Tou is not null) price = Tou(d.Tou, $"{f}.tou", signals, problems);
        else if (d.Price is not null)
        {
            var values = signals.LoadPrice(d.Price, $"{f}.price");
            if (values is not null) price = new Series<EnergyPrice>(grid, values.Select(v => EnergyPrice.PerMwh(v, currency)).ToArray());
        }
        else problems.Add(f, "give a price signal or a tou tariff");
        if (avg is null || price is null) return null;
        GridHistory? history = null;
        if (signals.HistoryGrid is { } hg)
        {
            // Constants and tariffs are known for the past too; files are read over the history grid.
            var pastCarbon = d.CarbonConstantGPerKwh is not null || d.CarbonFactor is not null ? Series<CarbonIntensity>.Constant(hg, avg[0])
                : d.Carbon is not null ? Intensity(signals.Load(d.Carbon, $"{f}.carbon (history_days)", "carbon_intensity_g_per_kwh", hg), $"{f}.carbon (history_days)", hg, problems) : null;
            var pastCfe = d.CfeShareConstant is { } fc ? Series<Fraction>.Constant(hg, Fraction.Of(fc))
                : d.CfeShare is not null && signals.Load(d.CfeShare, $"{f}.cfe_share (history_days)", "cfe_share_fraction", hg) is { } past
                    ? new Series<Fraction>(hg, past.Select(Fraction.Clamped).ToArray()) : null;
            Series<EnergyPrice>? pastPrice = null;
            if (d.Tou is not null) pastPrice = Tou(d.Tou, $"{f}.tou (history_days)", signals, problems, hg);
            else if (d.Price is not null && signals.LoadPrice(d.Price, $"{f}.price (history_days)", hg) is { } pp)
                pastPrice = new Series<EnergyPrice>(hg, pp.Select(v => EnergyPrice.PerMwh(v, currency)).ToArray());
            history = new GridHistory(hg, pastCarbon, pastCfe, pastPrice);
        }
        return new SiteSignals(avg, marginal, cfe, price, History: history) { CarbonNote = carbonNote, KnownAhead = LoadKnownAhead(d.KnownAhead, f, signals, problems) };
    }

    /// <summary>Longest lead (and issue cycle) a known-ahead series may claim: a week.</summary>
    private const double MaxIssuedHoursBefore = 168;

    private static List<KnownAhead> LoadKnownAhead(List<KnownAheadDocument>? docs, string f, SignalLoader signals, ProblemList problems)
    {
        var list = new List<KnownAhead>();
        var span = TimeGrid.Covering(signals.HistoryGrid?.Start ?? signals.Grid.Start, signals.Grid.End, signals.Grid.Step);
        for (var i = 0; i < (docs?.Count ?? 0); i++)
        {
            var d = docs![i];
            var field = $"{f}.known_ahead[{i}]";
            if (d is null) { problems.Add(field, "is empty"); continue; }
            if (d.Name is not { Length: > 0 } name || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            { problems.Add($"{field}.name", $"'{d.Name}' must be lower-case letters, digits and underscores"); continue; }
            if (list.Any(k => k.Name == name)) { problems.Add($"{field}.name", $"'{name}' is given twice"); continue; }
            var hours = d.IssuedHoursBefore ?? 0;
            if (!(hours is >= 0 and <= MaxIssuedHoursBefore)) { problems.Add($"{field}.issued_hours_before", $"{hours} must lie between 0 and {MaxIssuedHoursBefore}"); continue; }
            var every = d.IssueEveryHours ?? 24;
            if (!(every is >= 1 and <= MaxIssuedHoursBefore) || every != Math.Round(every))
            { problems.Add($"{field}.issue_every_hours", $"{every} must be a whole number of hours between 1 and {MaxIssuedHoursBefore}"); continue; }
            SignalKind? of = d.ForecastOf switch { "carbon" => SignalKind.Carbon, "cfe_share" => SignalKind.CarbonFree, _ => null };
            if (d.ForecastOf is not null && of is null) { problems.Add($"{field}.forecast_of", $"'{d.ForecastOf}' is not carbon or cfe_share"); continue; }
            if (of is not null && list.Any(k => k.ForecastOf == of)) { problems.Add($"{field}.forecast_of", $"a second published forecast of {d.ForecastOf}"); continue; }
            var doc = new SignalDocument(d.File, d.Format, d.Column, d.TimeZone, null, d.MaxFillMinutes, null);
            if (d.Column is null) { problems.Add($"{field}.column", "is required: name the column that holds the published series"); continue; }
            if (signals.Load(doc, field, d.Column, span) is { } values)
                list.Add(new KnownAhead(name, new Series<double>(span, values), TimeSpan.FromHours(hours), TimeSpan.FromHours(every), of));
        }
        return list;
    }

    private static Series<CarbonIntensity>? Intensity(double[]? values, string f, TimeGrid grid, ProblemList problems)
    {
        if (values is null) return null;
        var neg = Array.FindIndex(values, v => v < 0);
        if (neg >= 0) { problems.Add(f, $"negative carbon intensity {values[neg]} at {grid.TimeAt(neg):O}"); return null; }
        var high = Array.FindIndex(values, v => !(v <= ScenarioLimits.MaxGramsPerKilowattHour));
        if (high >= 0) { problems.Add(f, $"carbon intensity {values[high]} at {grid.TimeAt(high):O} is above {ScenarioLimits.MaxGramsPerKilowattHour:#,0} g/kWh"); return null; }
        return new Series<CarbonIntensity>(grid, values.Select(CarbonIntensity.FromGramsPerKilowattHour).ToArray());
    }

    private static Series<EnergyPrice>? Tou(TouDocument d, string f, SignalLoader signals, ProblemList problems, TimeGrid? on = null)
    {
        var before = problems.Count;
        if (d.TimeZone is null || !Timestamps.TryParseZone(d.TimeZone, out var zone)) { problems.Add($"{f}.time_zone", $"'{d.TimeZone}' is not a zone"); zone = TimeZoneInfo.Utc; }
        if (!Currency.TryParse(d.Currency, out var cur)) problems.Add($"{f}.currency", $"'{d.Currency}' is not a three-letter currency");
        var periods = new List<TouPeriod>();
        for (var i = 0; i < (d.Periods?.Count ?? 0); i++)
        {
            var p = d.Periods![i];
            if (problems.IsNullEntry(p, $"{f}.periods[{i}]", "a period { from, to, band }")) continue;
            var from = TimeOfDay(p.From, $"{f}.periods[{i}].from", problems);
            var to = TimeOfDay(p.To, $"{f}.periods[{i}].to", problems);
            if (p.Band is null || !TouNames.Bands.TryGetValue(p.Band, out var band)) { problems.Add($"{f}.periods[{i}].band", $"'{p.Band}' is not one of {TouNames.Listed}"); continue; }
            periods.Add(new TouPeriod(from, to, band));
        }
        var prices = new Dictionary<TouBand, EnergyPrice>();
        foreach (var (name, v) in d.PricesPerKwh ?? [])
        {
            if (!TouNames.Bands.TryGetValue(name, out var band)) problems.Add($"{f}.prices_per_kwh.{name}", $"is not one of {TouNames.Listed}");
            else if (!(Math.Abs(v) <= ScenarioLimits.MaxPricePerKwh)) problems.Add($"{f}.prices_per_kwh.{name}", $"{v} lies outside ±{ScenarioLimits.MaxPricePerKwh:#,0} per kWh");
            else prices[band] = EnergyPrice.PerKwh(v, cur);
        }
        if (problems.Count > before) return null;
        foreach (var msg in TouTariff.Check(periods, prices)) problems.Add($"{f}.periods", msg);
        var rate = signals.Rate(cur, $"{f}.currency");
        if (problems.Count > before || rate is null) return null;
        var series = new TouTariff(zone, periods, prices).ToSeries(on ?? signals.Grid);
        return series.Select(p => EnergyPrice.PerMwh(p.PerMegawattHour * rate.Value, signals.ScenarioCurrency));
    }

    private static TimeSpan TimeOfDay(string? text, string f, ProblemList problems)
    {
        if (TouNames.TryTimeOfDay(text, out var t)) return t;
        problems.Add(f, $"'{text}' {TouNames.TimeOfDayProblem}");
        return TimeSpan.Zero;
    }
}
