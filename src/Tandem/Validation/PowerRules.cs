using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Validation;

/// <summary>The rules on power, per site and step, with the validator's own arithmetic: facility energy is (idle IT
/// + the added energy booked by the job and service rules) × PUE, the PUE itself recomputed from the site model's
/// parameters and the temperature signal; on-site output serves the load first; a surplus
/// charges the battery up to its power limit and free capacity, with the one-way efficiency √η on the way in; a deficit
/// draws on the battery up to its power limit and charge, with √η on the way out; the grid supplies the rest and must
/// stay within the site's limit (grid-limit). Traces, when given, are only compared with this recomputation
/// (trace-facility, trace-grid, trace-onsite, trace-battery, trace-busy) and checked for on-site use within generation
/// (onsite-generation), battery power within its limit (battery-power) and a state of charge within [0, capacity]
/// (battery-charge); nothing is derived from them.</summary>
internal static class PowerRules
{
    public static void Check(Scenario scenario, Ledger ledger, IReadOnlyList<SiteTrace>? traces, Findings findings)
    {
        var grid = scenario.Grid;
        var h = grid.StepHours;
        var signals = scenario.Signals;
        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            Tandem.Fleet.Battery? battery = null;
            double eta = 1, socKwh = 0;
            var temperature = signals.Site(s).TemperatureC;
            for (var t = 0; t < grid.Count; t++)
            {
                // The layout in force in this step (an operator may have changed the fleet during the run); a site not
                // registered yet draws nothing.
                var layout = scenario.FleetAt(t);
                if (s >= layout.Sites.Count) continue;
                var site = layout.Sites[s];
                if (!ReferenceEquals(site.Battery, battery)) (battery, socKwh, eta) = Switch(battery, site.Battery, socKwh);
                var idleKw = site.Pools.Sum(p => p.IdlePowerPerGpu.Kilowatts * p.Count);
                var facility = (idleKw * h + ledger.AddedKwh[s][t]) * Pue(site.Pue, temperature?[t]);
                var generation = signals.Generation(s, t).Kilowatts * h;
                var onsite = Math.Min(facility, generation);
                double charged = 0, discharged = 0;
                if (battery is not null)
                {
                    var maxKwh = battery.PowerLimit.Kilowatts * h;
                    if (generation > onsite)
                    {
                        charged = Math.Min(generation - onsite, Math.Min(maxKwh, (battery.Capacity.KilowattHours - socKwh) / eta));
                        socKwh += charged * eta;
                    }
                    else if (facility > onsite)
                    {
                        discharged = Math.Min(facility - onsite, Math.Min(maxKwh, socKwh * eta));
                        socKwh = Math.Max(0, socKwh - discharged / eta);
                    }
                }
                var gridKwh = facility - onsite - discharged;
                ledger.FacilityKwh[s][t] = facility;
                ledger.OnsiteKwh[s][t] = onsite;
                ledger.ChargedKwh[s][t] = charged;
                ledger.DischargedKwh[s][t] = discharged;
                ledger.GridKwh[s][t] = gridKwh;
                ledger.CurtailedKwh[s][t] = generation - onsite - charged;
                if (gridKwh / h > site.GridLimit.Kilowatts + 1e-6)
                    findings.Add("grid-limit", $"site {site.Id} imported {gridKwh / h:0.######} kW at {grid.TimeAt(t):O}, over its limit of {site.GridLimit}");
            }
            if (traces is not null && s < traces.Count) CompareTrace(scenario, s, traces[s], ledger, findings);
        }
    }

    /// <summary>A site's battery from a step on, where the layout's battery is <paramref name="now"/> and was
    /// <paramref name="before"/> (null: none, or the site's first step): a new battery starts at its initial charge, a
    /// changed one keeps <paramref name="socKwh"/> up to its capacity. Returns it, its charge and its one-way efficiency.</summary>
    private static (Tandem.Fleet.Battery? Battery, double SocKwh, double Eta) Switch(Tandem.Fleet.Battery? before, Tandem.Fleet.Battery? now, double socKwh) =>
        now is null ? (null, 0, 1)
        : (now, before is null ? now.Capacity.KilowattHours * now.InitialStateOfCharge.Value : Math.Min(socKwh, now.Capacity.KilowattHours), Math.Sqrt(now.RoundTripEfficiency.Value));

    /// <summary>PUE from the site's model parameters and the outdoor temperature, by the validator's own arithmetic
    /// (not <see cref="Tandem.Fleet.PueModel.At"/>, which the simulator uses): base + slope × clamp(T − threshold, 0,
    /// design − threshold); no temperature reads as the base.</summary>
    private static double Pue(Tandem.Fleet.PueModel model, double? temperatureC)
    {
        if (temperatureC is not { } c) return model.Base;
        var above = Math.Min(Math.Max(c - model.ThresholdC, 0), model.DesignMaxC - model.ThresholdC);
        return model.Base + model.PerDegreeC * above;
    }

    private static void CompareTrace(Scenario scenario, int s, SiteTrace trace, Ledger ledger, Findings findings)
    {
        var grid = scenario.Grid;
        var h = grid.StepHours;
        var id = scenario.Sites[s].Id;
        Tandem.Fleet.Battery? battery = null;
        double eta = 1, socKwh = 0;
        for (var t = 0; t < grid.Count; t++)
        {
            var at = grid.TimeAt(t);
            var layout = scenario.FleetAt(t);
            var site = s < layout.Sites.Count ? layout.Sites[s] : null;
            void Compare(string rule, string what, double traced, double recomputed)
            {
                if (!Findings.Agree(traced, recomputed))
                    findings.Add(rule, $"site {id} at {at:O}: the trace has {what} {traced:0.######}, the log gives {recomputed:0.######}");
            }
            Compare("trace-facility", "facility kW", trace.FacilityKw[t], ledger.FacilityKwh[s][t] / h);
            Compare("trace-grid", "grid kW", trace.GridKw[t], ledger.GridKwh[s][t] / h);
            Compare("trace-onsite", "on-site kW", trace.OnsiteKw[t], ledger.OnsiteKwh[s][t] / h);
            Compare("trace-battery", "battery kW", trace.BatteryKw[t], (ledger.DischargedKwh[s][t] - ledger.ChargedKwh[s][t]) / h);
            var busy = 0.0;
            for (var p = 0; p < ledger.HeldGpus[s].Length; p++) busy += ledger.HeldGpus[s][p][t] + ledger.InferenceGpus[s][p][t];
            Compare("trace-busy", "busy GPUs", trace.BusyGpus[t], busy);
            if (site is null) continue;
            var generationKw = scenario.Signals.Generation(s, t).Kilowatts;
            if (trace.OnsiteKw[t] > generationKw + 1e-6 * Math.Max(1, generationKw))
                findings.Add("onsite-generation", $"site {site.Id} at {at:O} used {trace.OnsiteKw[t]:0.######} kW on site, more than the {generationKw:0.######} kW generated");
            if (trace.GridKw[t] > site.GridLimit.Kilowatts + 1e-6)
                findings.Add("grid-limit", $"site {site.Id} traced {trace.GridKw[t]:0.######} kW of grid import at {at:O}, over its limit of {site.GridLimit}");
            if (!ReferenceEquals(site.Battery, battery)) (battery, socKwh, eta) = Switch(battery, site.Battery, socKwh);
            var batteryKw = trace.BatteryKw[t];
            if (battery is null)
            {
                if (batteryKw != 0) findings.Add("battery-power", $"site {site.Id} has no battery but traced {batteryKw:0.######} kW of battery power at {at:O}");
                continue;
            }
            if (Math.Abs(batteryKw) > battery.PowerLimit.Kilowatts * (1 + 1e-6))
                findings.Add("battery-power", $"site {site.Id} traced {batteryKw:0.######} kW of battery power at {at:O}, beyond its limit of {battery.PowerLimit}");
            socKwh += batteryKw < 0 ? -batteryKw * h * eta : -batteryKw * h / eta;
            var cap = battery.Capacity.KilowattHours;
            if (socKwh < -1e-6 * cap || socKwh > cap * (1 + 1e-6))
                findings.Add("battery-charge", $"site {site.Id}'s traced battery flows leave it holding {socKwh:0.######} kWh after {at:O}, outside [0, {cap:0.######}]");
        }
    }
}
