namespace Tandem.Simulation;

/// <summary>A policy's totals as they cross a boundary (summary.json, the run store): plain numbers whose names carry
/// their units.</summary>
public sealed record PolicySummary(
    string Policy, double EnergyKwh, double GridEnergyKwh, double OnsiteEnergyKwh, double BatteryEnergyKwh, double CurtailedEnergyKwh,
    double EmissionsKg, double? MarginalEmissionsKg, double Cost, string Currency, double GreenShare, int JobsTotal, int JobsCompleted,
    int DeadlineMisses, int JobsUnfinished, double MeanDelayHours, double InferenceUnservedFraction, double WallSeconds,
    string ObjectiveName = "", double Objective = 0);
