using Tandem.Units;

namespace Tandem.Simulation;

/// <summary>What one policy's run cost and achieved.</summary>
/// <param name="Policy">Policy name.</param>
/// <param name="Energy">Facility energy (IT × PUE) plus data-transfer energy.</param>
/// <param name="OnsiteEnergy">Energy met by on-site or directly connected renewables.</param>
/// <param name="BatteryEnergy">Energy met by battery discharge.</param>
/// <param name="GridEnergy">Energy imported from the grid.</param>
/// <param name="CurtailedEnergy">On-site renewable output neither used nor stored.</param>
/// <param name="Emissions">Location-based emissions from average grid intensity.</param>
/// <param name="MarginalEmissions">Emissions from marginal intensity, where every site has it; else null.</param>
/// <param name="Cost">Cost of grid energy in the scenario currency.</param>
/// <param name="GreenShare">Green energy (on-site + battery + grid × carbon-free share) over facility energy.</param>
/// <param name="JobsTotal">Jobs in the scenario.</param>
/// <param name="JobsCompleted">Jobs finished within the period.</param>
/// <param name="DeadlineMisses">Jobs finished late, plus unfinished jobs whose deadline fell within the period.</param>
/// <param name="JobsUnfinished">Jobs not finished by the end of the period.</param>
/// <param name="MeanDelayHours">Mean over finished jobs of finish − earliest start − full-power runtime.</param>
/// <param name="InferenceUnserved">Share of online demand (GPU-hours) not served.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
public sealed record RunTotals(
    string Policy, Energy Energy, Energy OnsiteEnergy, Energy BatteryEnergy, Energy GridEnergy, Energy CurtailedEnergy,
    Emissions Emissions, Emissions? MarginalEmissions, Money Cost, Fraction GreenShare, int JobsTotal, int JobsCompleted,
    int DeadlineMisses, int JobsUnfinished, double MeanDelayHours, Fraction InferenceUnserved, double WallSeconds)
{
    /// <summary>Network energy of moving jobs between sites (included in <see cref="Energy"/> and grid energy).</summary>
    public Energy TransferEnergy { get; init; }
    /// <summary>Work left undone at the end of the period, GPU-hours at full power.</summary>
    public double UnfinishedWorkGpuHours { get; init; }
    /// <summary>Online demand not served, GPU-hours.</summary>
    public double InferenceUnservedGpuHours { get; init; }
    /// <summary>Green energy: on-site + battery + grid × carbon-free share.</summary>
    public Energy GreenEnergy { get; init; }
    /// <summary>Energy not matched by green supply.</summary>
    public Energy UnmatchedEnergy => Energy - GreenEnergy;
}
