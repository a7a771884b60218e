namespace Tandem.Simulation;

/// <summary>A policy's totals as they cross a boundary (summary.json, the run store): plain numbers whose names carry
/// their units.</summary>
public sealed record PolicySummary(
    string Policy, double EnergyKwh, double GridEnergyKwh, double OnsiteEnergyKwh, double BatteryEnergyKwh, double CurtailedEnergyKwh,
    double EmissionsKg, double? MarginalEmissionsKg, double Cost, string Currency, double GreenShare, int JobsTotal, int JobsCompleted,
    int DeadlineMisses, int JobsUnfinished, double MeanDelayHours, double InferenceUnservedFraction, double WallSeconds,
    string ObjectiveName = "", double Objective = 0)
{
    /// <summary>Flattens run totals, scored by <paramref name="objective"/>.</summary>
    public static PolicySummary From(RunTotals t, Planning.Objective objective) => new(
        t.Policy, t.Energy.KilowattHours, t.GridEnergy.KilowattHours, t.OnsiteEnergy.KilowattHours, t.BatteryEnergy.KilowattHours,
        t.CurtailedEnergy.KilowattHours, t.Emissions.Kilograms, t.MarginalEmissions?.Kilograms, t.Cost.Amount, t.Cost.Currency.Code,
        t.GreenShare.Value, t.JobsTotal, t.JobsCompleted, t.DeadlineMisses, t.JobsUnfinished, t.MeanDelayHours,
        t.InferenceUnserved.Value, t.WallSeconds, objective.Name, objective.Evaluate(t));
}
