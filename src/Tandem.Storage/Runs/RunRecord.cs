using Tandem.Simulation;

namespace Tandem.Storage.Runs;

/// <summary>A recorded simulation run: when, what scenario, where its report went, and each policy's totals.</summary>
/// <param name="Id">Store-assigned id (0 before saving).</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Steps">Number of grid steps.</param>
/// <param name="StepMinutes">Grid step length in minutes.</param>
/// <param name="OutDirectory">Folder with summary.json and report.html.</param>
/// <param name="Policies">Totals per policy, in the order run.</param>
public sealed record RunRecord(long Id, DateTimeOffset StartedAt, string Scenario, int Steps, double StepMinutes, string OutDirectory, IReadOnlyList<PolicySummary> Policies);
