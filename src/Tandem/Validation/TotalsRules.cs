using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Validation;

/// <summary>The rules on a run's totals, each recomputed from the ledger and compared within 1e-6 relative: energy
/// (facility + transfer), on-site, battery, grid (facility import + transfer), curtailed and transfer energy; emissions
/// (grid kWh × average intensity) and marginal emissions (× marginal intensity, only where every site has it); cost
/// (grid kWh / 1000 × price per MWh); green energy (on-site + battery + grid × carbon-free share) and its share of
/// energy; and the job and service outcomes (jobs completed, unfinished and late, mean delay, unfinished work,
/// unserved online demand).</summary>
internal static class TotalsRules
{
    public static void Check(Scenario scenario, Ledger ledger, RunTotals totals, Findings findings)
    {
        var signals = scenario.Signals;
        double facility = 0, onsite = 0, battery = 0, gridKwh = 0, curtailed = 0, transfer = 0, emissionsG = 0, marginalG = 0, cost = 0, green = 0;
        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            for (var t = 0; t < scenario.Grid.Count; t++)
            {
                var imported = ledger.GridKwh[s][t] + ledger.TransferKwh[s][t];
                facility += ledger.FacilityKwh[s][t];
                transfer += ledger.TransferKwh[s][t];
                onsite += ledger.OnsiteKwh[s][t];
                battery += ledger.DischargedKwh[s][t];
                gridKwh += imported;
                curtailed += ledger.CurtailedKwh[s][t];
                emissionsG += imported * signals.Carbon(s, t).GramsPerKilowattHour;
                marginalG += imported * (signals.Marginal(s, t)?.GramsPerKilowattHour ?? 0);
                cost += imported / 1000 * signals.Price(s, t).PerMegawattHour;
                green += ledger.OnsiteKwh[s][t] + ledger.DischargedKwh[s][t] + imported * signals.CarbonFree(s, t).Value;
            }
        }
        var energy = facility + transfer;
        void Compare(string rule, string what, double reported, double recomputed)
        {
            if (!Findings.Agree(reported, recomputed))
                findings.Add(rule, $"the totals report {what} {reported:0.######}, the log gives {recomputed:0.######}");
        }
        Compare("totals-energy", "energy (kWh)", totals.Energy.KilowattHours, energy);
        Compare("totals-onsite", "on-site energy (kWh)", totals.OnsiteEnergy.KilowattHours, onsite);
        Compare("totals-battery", "battery energy (kWh)", totals.BatteryEnergy.KilowattHours, battery);
        Compare("totals-grid", "grid energy (kWh)", totals.GridEnergy.KilowattHours, gridKwh);
        Compare("totals-curtailed", "curtailed energy (kWh)", totals.CurtailedEnergy.KilowattHours, curtailed);
        Compare("totals-transfer", "transfer energy (kWh)", totals.TransferEnergy.KilowattHours, transfer);
        Compare("totals-emissions", "emissions (g)", totals.Emissions.Grams, emissionsG);
        if (signals.HasMarginal != totals.MarginalEmissions.HasValue)
            findings.Add("totals-marginal", signals.HasMarginal ? "the totals lack marginal emissions though every site has a marginal intensity" : "the totals report marginal emissions though not every site has a marginal intensity");
        else if (totals.MarginalEmissions is { } m) Compare("totals-marginal", "marginal emissions (g)", m.Grams, marginalG);
        Compare("totals-cost", "cost", totals.Cost.Amount, cost);
        Compare("totals-green", "green energy (kWh)", totals.GreenEnergy.KilowattHours, green);
        Compare("totals-green-share", "green share", totals.GreenShare.Value, energy > 0 ? Math.Clamp(green / energy, 0, 1) : 0);

        var jobs = scenario.Jobs;
        int completed = 0, late = 0, unfinished = 0;
        double delayHours = 0, unfinishedWork = 0;
        for (var j = 0; j < jobs.Count; j++)
        {
            if (jobs[j].WithdrawnAt is not null && ledger.Finish[j] is null) continue; // withdrawn: neither done nor unfinished
            if (ledger.Finish[j] is { } finish)
            {
                completed++;
                if (finish > jobs[j].Deadline) late++;
                delayHours += Math.Max(0, (finish - jobs[j].EarliestStart - jobs[j].FullPowerRuntime).TotalHours);
            }
            else
            {
                unfinished++;
                unfinishedWork += ledger.RemainingGpuHours[j];
                if (jobs[j].Deadline <= scenario.Grid.End) late++;
            }
        }
        Compare("totals-jobs", "jobs in the scenario", totals.JobsTotal, jobs.Count);
        Compare("totals-jobs", "jobs completed", totals.JobsCompleted, completed);
        Compare("totals-jobs", "jobs unfinished", totals.JobsUnfinished, unfinished);
        Compare("totals-jobs", "deadline misses", totals.DeadlineMisses, late);
        Compare("totals-delay", "mean delay (h)", totals.MeanDelayHours, completed > 0 ? delayHours / completed : 0);
        Compare("totals-unfinished-work", "unfinished work (GPU-h)", totals.UnfinishedWorkGpuHours, unfinishedWork);
        Compare("totals-inference", "unserved online demand (GPU-h)", totals.InferenceUnservedGpuHours, ledger.UnservedGpuHours);
        Compare("totals-inference", "unserved share of online demand", totals.InferenceUnserved.Value,
            ledger.DemandGpuHours > 0 ? Math.Clamp(ledger.UnservedGpuHours / ledger.DemandGpuHours, 0, 1) : 0);
    }
}
