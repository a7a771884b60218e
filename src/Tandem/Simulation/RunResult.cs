using Tandem.Actuation;

namespace Tandem.Simulation;

/// <summary>The outcome of simulating one policy: totals and per-site traces.</summary>
/// <param name="Totals">Totals over the period.</param>
/// <param name="Sites">Per-site traces, in scenario site order.</param>
/// <param name="Log">What ran where and when.</param>
public sealed record RunResult(RunTotals Totals, IReadOnlyList<SiteTrace> Sites, ExecutionLog Log)
{
    /// <summary>Hard constraints the independent validator found broken; empty for a clean run.</summary>
    public IReadOnlyList<string> Violations { get; init; } = [];
    /// <summary>Rigid and standard jobs (slowdown at most 1) that finished after their deadline, as the validator found them.</summary>
    public IReadOnlyList<string> FirmLate { get; init; } = [];
    /// <summary>Every command the policy issued, in order: the run's plan, as <c>tandem plan</c> writes it.</summary>
    public IReadOnlyList<Command> Commands { get; init; } = [];
    /// <summary>Whether the policy was handed the future (a perfect-foresight yardstick planning on an oracle).</summary>
    public bool Foresight { get; init; }
}
