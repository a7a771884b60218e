namespace Tandem.Simulation;

/// <summary>The outcome of simulating one policy: totals and per-site traces.</summary>
/// <param name="Totals">Totals over the period.</param>
/// <param name="Sites">Per-site traces, in scenario site order.</param>
public sealed record RunResult(RunTotals Totals, IReadOnlyList<SiteTrace> Sites);
