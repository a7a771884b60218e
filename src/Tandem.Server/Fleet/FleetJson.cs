using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Fleet;
using Tandem.Formats;
using Tandem.Grid;
using Tandem.Scenarios;
using Tandem.Units;

namespace Tandem.Server.Fleet;

/// <summary>The bodies of the fleet's write routes, in the field names of a scenario file's site, and their reading
/// into a <see cref="FleetEdit"/>: a bad value is a <see cref="FleetEditException"/> naming its field. A body is
/// stored as read (with the ids from its route), so a restart reads the same edit again.</summary>
public static class FleetJson
{
    /// <summary>A site to register: its pools, PUE, grid connection and zone, and optionally a battery.</summary>
    public sealed record SiteBody(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("time_zone")] string? TimeZone,
        [property: JsonPropertyName("grid_zone")] string? GridZone,
        [property: JsonPropertyName("grid_limit_kw")] double? GridLimitKw,
        [property: JsonPropertyName("pue")] PueBody? Pue,
        [property: JsonPropertyName("pools")] List<PoolBody?>? Pools,
        [property: JsonPropertyName("battery")] BatteryBody? Battery);

    /// <summary>A site's changes: any of name, grid limit and PUE.</summary>
    public sealed record SitePatch(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("grid_limit_kw")] double? GridLimitKw,
        [property: JsonPropertyName("pue")] PueBody? Pue);

    /// <summary>PUE: base, and for a temperature-dependent model its slope per °C above a threshold up to a design maximum.</summary>
    public sealed record PueBody(
        [property: JsonPropertyName("base")] double? Base,
        [property: JsonPropertyName("per_degree_c")] double? PerDegreeC = null,
        [property: JsonPropertyName("above_c")] double? AboveC = null,
        [property: JsonPropertyName("design_max_c")] double? DesignMaxC = null);

    /// <summary>A GPU pool: its GPUs, model, idle and maximum draw per GPU, and power levels (full power only if none).</summary>
    public sealed record PoolBody(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("gpu_model")] string? GpuModel,
        [property: JsonPropertyName("count")] int? Count,
        [property: JsonPropertyName("idle_power_w")] double? IdlePowerW,
        [property: JsonPropertyName("max_power_w")] double? MaxPowerW,
        [property: JsonPropertyName("power_curve")] List<LevelBody>? PowerCurve = null);

    /// <summary>A power level: the power limit as a fraction of the maximum, the throughput there and the power drawn.</summary>
    public sealed record LevelBody(
        [property: JsonPropertyName("limit_fraction")] double? LimitFraction,
        [property: JsonPropertyName("throughput")] double? Throughput,
        [property: JsonPropertyName("power_fraction")] double? PowerFraction);

    /// <summary>A battery: usable energy, power, round-trip efficiency and its charge when installed (a fraction).</summary>
    public sealed record BatteryBody(
        [property: JsonPropertyName("energy_kwh")] double? EnergyKwh,
        [property: JsonPropertyName("power_kw")] double? PowerKw,
        [property: JsonPropertyName("round_trip_efficiency")] double? RoundTripEfficiency,
        [property: JsonPropertyName("initial_soc")] double? InitialSoc = null);

    /// <summary>A plant's new nameplate capacity (kind from the route: solar or wind).</summary>
    public sealed record PlantBody(
        [property: JsonPropertyName("capacity_kw")] double? CapacityKw,
        [property: JsonPropertyName("kind")] string? Kind = null);

    /// <summary>A time-of-use tariff: periods of the day in its time zone, each in a band, and each band's price per kWh.</summary>
    public sealed record TariffBody(
        [property: JsonPropertyName("time_zone")] string? TimeZone,
        [property: JsonPropertyName("currency")] string? Currency,
        [property: JsonPropertyName("periods")] List<PeriodBody?>? Periods,
        [property: JsonPropertyName("prices_per_kwh")] Dictionary<string, double>? PricesPerKwh);

    /// <summary>A tariff period: from and to (hh:mm, 24:00 as an end) and its band.</summary>
    public sealed record PeriodBody(
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("to")] string? To,
        [property: JsonPropertyName("band")] string? Band);

    /// <summary>The kinds of edit, as stored.</summary>
    public const string Register = "site.register", Update = "site.update", Pool = "pool", BatteryKind = "battery", Plant = "plant", Tariff = "tariff";

    /// <summary>Reads a stored or submitted edit of <paramref name="kind"/> at <paramref name="site"/>;
    /// <paramref name="fleet"/> is the layout now (a pool changed without a curve keeps its own).</summary>
    public static FleetEdit Read(string kind, string site, string bodyJson, FleetLayout fleet) => kind switch
    {
        Register => RegisterSite(Parse<SiteBody>(bodyJson)),
        Update => UpdateSite(site, Parse<SitePatch>(bodyJson)),
        Pool => new PutPool(site, ToPool(Parse<PoolBody>(bodyJson), "", fleet, site)),
        BatteryKind => new PutBattery(site, ToBattery(Parse<BatteryBody>(bodyJson), "")),
        Plant => ToPlant(site, Parse<PlantBody>(bodyJson)),
        Tariff => new PutTariff(site, ToTariff(Parse<TariffBody>(bodyJson))),
        _ => throw new FleetEditException("kind", $"'{kind}' is not a kind of fleet edit"),
    };

    private static T Parse<T>(string json) where T : class =>
        JsonSerializer.Deserialize<T>(json) ?? throw new FleetEditException("body", "a JSON object is required");

    private static RegisterSite RegisterSite(SiteBody b)
    {
        var id = Text(b.Id, "id");
        var zone = TimeZoneInfo.Utc;
        if (b.TimeZone is not null && !Timestamps.TryParseZone(b.TimeZone, out zone))
            throw new FleetEditException("time_zone", $"'{b.TimeZone}' is neither an IANA zone (Asia/Shanghai) nor an offset (+08:00)");
        var gridZone = Text(b.GridZone, "grid_zone");
        var limit = Kilowatts(b.GridLimitKw, "grid_limit_kw");
        var pue = ToPue(b.Pue ?? throw new FleetEditException("pue", "is required ({ \"base\": 1.2 })"), "pue");
        if (b.Pools is not { Count: > 0 }) throw new FleetEditException("pools", "at least one GPU pool is required");
        var pools = b.Pools.Select((p, i) => ToPool(p ?? throw new FleetEditException($"pools[{i}]", "a GPU pool is required"), $"pools[{i}].", null, id)).ToList();
        if (pools.Select(p => p.Id).Distinct().Count() != pools.Count) throw new FleetEditException("pools", "pool ids repeat");
        var battery = b.Battery is null ? null : ToBattery(b.Battery, "battery.");
        return new RegisterSite(new Site(id, b.Name ?? id, zone, pools, pue, limit, null, null, battery, gridZone));
    }

    private static UpdateSite UpdateSite(string site, SitePatch b)
    {
        if (b.Name is null && b.GridLimitKw is null && b.Pue is null) throw new FleetEditException("body", "give at least one of name, grid_limit_kw and pue");
        return new UpdateSite(site, b.Name is null ? null : Text(b.Name, "name"), b.GridLimitKw is null ? null : Kilowatts(b.GridLimitKw, "grid_limit_kw"), b.Pue is null ? null : ToPue(b.Pue, "pue"));
    }

    private static PueModel ToPue(PueBody b, string f)
    {
        var @base = b.Base ?? throw new FleetEditException($"{f}.base", "is required");
        if (!(@base >= 1 && @base < ScenarioLimits.MaxPue)) throw new FleetEditException($"{f}.base", $"{@base} must be at least 1 and below {ScenarioLimits.MaxPue}");
        var slope = b.PerDegreeC ?? 0;
        if (!(slope >= 0 && slope <= ScenarioLimits.MaxPuePerDegreeC)) throw new FleetEditException($"{f}.per_degree_c", $"{slope} must lie between 0 and {ScenarioLimits.MaxPuePerDegreeC}");
        if (slope == 0) return PueModel.Constant(@base);
        // The defaults of a scenario file's PUE: 20 °C, and a design maximum of 40 °C or above_c if higher.
        var above = b.AboveC ?? 20;
        var design = b.DesignMaxC ?? Math.Max(PueModel.DefaultDesignMaxC, above);
        if (!(Math.Abs(above) <= ScenarioLimits.MaxAbsDegreesC)) throw new FleetEditException($"{f}.above_c", $"{above} must lie within ±{ScenarioLimits.MaxAbsDegreesC} °C");
        if (!(design >= above && design <= ScenarioLimits.MaxAbsDegreesC)) throw new FleetEditException($"{f}.design_max_c", $"{design} must lie between above_c ({above}) and {ScenarioLimits.MaxAbsDegreesC} °C");
        return PueModel.TemperatureDependent(@base, slope, above, design);
    }

    private static GpuPool ToPool(PoolBody p, string f, FleetLayout? fleet, string site)
    {
        var id = Text(p.Id, $"{f}id");
        var count = p.Count ?? throw new FleetEditException($"{f}count", "is required");
        if (count < 1 || count > ScenarioLimits.MaxGpus) throw new FleetEditException($"{f}count", $"{count} must lie between 1 and {ScenarioLimits.MaxGpus:#,0}");
        var max = p.MaxPowerW ?? throw new FleetEditException($"{f}max_power_w", "is required");
        if (!(max > 0 && max <= ScenarioLimits.MaxWattsPerGpu)) throw new FleetEditException($"{f}max_power_w", $"{max} must be positive and at most {ScenarioLimits.MaxWattsPerGpu:#,0} W");
        var idle = p.IdlePowerW ?? throw new FleetEditException($"{f}idle_power_w", "is required");
        if (!(idle >= 0 && idle <= max)) throw new FleetEditException($"{f}idle_power_w", $"{idle} must lie between 0 and max_power_w");
        // The pool as it is, if it is being changed: left out, its curve and model stay; a new one runs at full power
        // only and is named by its id.
        var had = fleet?.SiteIndex(site) is >= 0 and var at ? fleet.Sites[at].Pools.FirstOrDefault(x => x.Id == id) : null;
        PowerCurve curve;
        if (p.PowerCurve is { } levels)
        {
            if (levels.Any(l => l is null)) throw new FleetEditException($"{f}power_curve", "a level is null");
            try
            {
                curve = new PowerCurve(levels.Select((l, i) => new PowerLevel(
                    l.LimitFraction ?? throw new FleetEditException($"{f}power_curve[{i}].limit_fraction", "is required"),
                    l.Throughput ?? throw new FleetEditException($"{f}power_curve[{i}].throughput", "is required"),
                    l.PowerFraction ?? throw new FleetEditException($"{f}power_curve[{i}].power_fraction", "is required"))).ToList());
            }
            catch (ArgumentException e) when (e is not FleetEditException)
            {
                throw new FleetEditException($"{f}power_curve", e.Message);
            }
        }
        else curve = had?.Curve ?? PowerCurve.FullPowerOnly;
        var model = string.IsNullOrWhiteSpace(p.GpuModel) ? had?.GpuModel ?? id : Text(p.GpuModel, $"{f}gpu_model");
        return new GpuPool(id, model, count, Power.FromWatts(idle), Power.FromWatts(max), curve);
    }

    private static Battery ToBattery(BatteryBody b, string f)
    {
        var energy = b.EnergyKwh ?? throw new FleetEditException($"{f}energy_kwh", "is required");
        if (!(energy > 0 && energy <= ScenarioLimits.MaxKilowattHours)) throw new FleetEditException($"{f}energy_kwh", $"{energy} must be positive and at most {ScenarioLimits.MaxKilowattHours:#,0}");
        var power = Kilowatts(b.PowerKw, $"{f}power_kw");
        var eta = b.RoundTripEfficiency ?? throw new FleetEditException($"{f}round_trip_efficiency", "is required");
        if (!(eta > 0 && eta <= 1)) throw new FleetEditException($"{f}round_trip_efficiency", $"{eta} must lie in (0, 1]");
        var soc = b.InitialSoc ?? 0.5;
        if (!(soc >= 0 && soc <= 1)) throw new FleetEditException($"{f}initial_soc", $"{soc} must lie in [0, 1]");
        return new Battery(Energy.FromKilowattHours(energy), power, Fraction.Of(eta), Fraction.Of(soc));
    }

    private static PutPlant ToPlant(string site, PlantBody b)
    {
        var kind = b.Kind switch
        {
            "solar" => PlantKind.Solar,
            "wind" => PlantKind.Wind,
            _ => throw new FleetEditException("kind", $"'{b.Kind}' is not a plant kind; use solar or wind"),
        };
        return new PutPlant(site, kind, Kilowatts(b.CapacityKw, "capacity_kw"));
    }

    private static TouTariff ToTariff(TariffBody b)
    {
        var zone = TimeZoneInfo.Utc;
        if (b.TimeZone is not null && !Timestamps.TryParseZone(b.TimeZone, out zone))
            throw new FleetEditException("time_zone", $"'{b.TimeZone}' is neither an IANA zone nor an offset");
        if (!Currency.TryParse(b.Currency, out var currency)) throw new FleetEditException("currency", $"'{b.Currency}' is not a three-letter currency");
        if (b.Periods is not { Count: > 0 }) throw new FleetEditException("periods", "at least one period { from, to, band } is required");
        var periods = b.Periods.Select((p, i) =>
        {
            if (p is null) throw new FleetEditException($"periods[{i}]", "a period { from, to, band } is required");
            if (p.Band is null || !TouNames.Bands.TryGetValue(p.Band, out var band))
                throw new FleetEditException($"periods[{i}].band", $"'{p.Band}' is not one of {TouNames.Listed}");
            return new TouPeriod(TimeOfDay(p.From, $"periods[{i}].from"), TimeOfDay(p.To, $"periods[{i}].to"), band);
        }).ToList();
        var prices = new Dictionary<TouBand, EnergyPrice>();
        foreach (var (name, v) in b.PricesPerKwh ?? [])
        {
            if (!TouNames.Bands.TryGetValue(name, out var band)) throw new FleetEditException($"prices_per_kwh.{name}", $"is not one of {TouNames.Listed}");
            if (!(Math.Abs(v) <= ScenarioLimits.MaxPricePerKwh)) throw new FleetEditException($"prices_per_kwh.{name}", $"{v} lies outside ±{ScenarioLimits.MaxPricePerKwh:#,0} per kWh");
            prices[band] = EnergyPrice.PerKwh(v, currency);
        }
        if (TouTariff.Check(periods, prices) is [var first, ..]) throw new FleetEditException("periods", first);
        return new TouTariff(zone, periods, prices);
    }

    private static TimeSpan TimeOfDay(string? text, string f) =>
        TouNames.TryTimeOfDay(text, out var t) ? t : throw new FleetEditException(f, $"'{text}' {TouNames.TimeOfDayProblem}");

    private static string Text(string? value, string f) =>
        string.IsNullOrWhiteSpace(value) ? throw new FleetEditException(f, "is required") : value.Length > 200 ? throw new FleetEditException(f, "is longer than 200 characters") : value.Trim();

    private static Power Kilowatts(double? value, string f)
    {
        var kw = value ?? throw new FleetEditException(f, "is required");
        if (!(kw > 0 && kw <= ScenarioLimits.MaxKilowatts)) throw new FleetEditException(f, $"{kw} must be positive and at most {ScenarioLimits.MaxKilowatts:#,0} kW");
        return Power.FromKilowatts(kw);
    }
}
