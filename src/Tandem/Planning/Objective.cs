using Tandem.Simulation;

namespace Tandem.Planning;

/// <summary>What a plan minimises: weights on emissions (per kg CO2e), cost (per unit of the scenario currency) and
/// unmatched energy (per kWh not covered by green supply), plus fixed penalties that make meeting deadlines, finishing
/// work and serving online demand come first. The same function scores plans in a planner's model and finished runs
/// (<see cref="Evaluate"/>), so policies are compared on one scale.</summary>
/// <param name="Name">Preset name: emissions (default), cost or green.</param>
/// <param name="PerKgCo2e">Weight per kg CO2e, location-based.</param>
/// <param name="PerCurrencyUnit">Weight per unit of the scenario currency.</param>
/// <param name="PerUnmatchedKwh">Weight per kWh not matched by on-site, battery or carbon-free grid supply.</param>
public sealed record Objective(string Name, double PerKgCo2e, double PerCurrencyUnit, double PerUnmatchedKwh)
{
    /// <summary>Penalty per job that misses its deadline.</summary>
    public const double DeadlineMissPenalty = 1e5;
    /// <summary>Penalty per GPU-hour of work left undone at the end of the period.</summary>
    public const double UnfinishedPenaltyPerGpuHour = 1e4;
    /// <summary>Penalty per GPU-hour of online demand not served.</summary>
    public const double UnservedPenaltyPerGpuHour = 1e4;

    /// <summary>Minimise emissions; cost breaks ties (the default, and the emissions yardstick).</summary>
    public static Objective Emissions { get; } = new("emissions", 1, 1e-3, 0);
    /// <summary>Minimise cost; emissions break ties.</summary>
    public static Objective Cost { get; } = new("cost", 1e-3, 1, 0);
    /// <summary>Minimise energy not matched by green supply (24/7 carbon-free); emissions break ties.</summary>
    public static Objective Green { get; } = new("green", 1e-3, 0, 1);

    /// <summary>The presets by name.</summary>
    public static IReadOnlyList<Objective> Presets { get; } = [Emissions, Cost, Green];

    /// <summary>A preset by name, or null.</summary>
    public static Objective? Find(string name) => Presets.FirstOrDefault(o => o.Name == name);

    /// <summary>Weight of one kWh drawn from the grid in a step, never below zero (a planner that earned from
    /// drawing power would waste it; see docs/planning.md).</summary>
    public double PerGridKwh(double gramsPerKwh, double pricePerMwh, double carbonFreeShare) =>
        Math.Max(0, PerKgCo2e * gramsPerKwh / 1000 + PerCurrencyUnit * pricePerMwh / 1000 + PerUnmatchedKwh * (1 - carbonFreeShare));

    /// <summary>Scores a finished run.</summary>
    public double Evaluate(RunTotals t) =>
        PerKgCo2e * t.Emissions.Kilograms + PerCurrencyUnit * t.Cost.Amount + PerUnmatchedKwh * t.UnmatchedEnergy.KilowattHours
        + DeadlineMissPenalty * t.DeadlineMisses + UnfinishedPenaltyPerGpuHour * t.UnfinishedWorkGpuHours
        + UnservedPenaltyPerGpuHour * t.InferenceUnservedGpuHours;

    /// <summary>A run's totals with this objective's name and value, as stored and printed.</summary>
    public PolicySummary Summarise(RunTotals t) => new(
        t.Policy, t.Energy.KilowattHours, t.GridEnergy.KilowattHours, t.OnsiteEnergy.KilowattHours, t.BatteryEnergy.KilowattHours,
        t.CurtailedEnergy.KilowattHours, t.Emissions.Kilograms, t.MarginalEmissions?.Kilograms, t.Cost.Amount, t.Cost.Currency.Code,
        t.GreenShare.Value, t.JobsTotal, t.JobsCompleted, t.DeadlineMisses, t.JobsUnfinished, t.MeanDelayHours,
        t.InferenceUnserved.Value, t.WallSeconds, Name, Evaluate(t));
}
