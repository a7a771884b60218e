namespace Tandem.Workloads;

/// <summary>How much slowdown a job tolerates. A tier's slowdown s bounds power capping, pausing and delay alike
/// (docs/glossary.md, "Flexibility tier"): a job may run at a power level only if its runtime there is at most
/// (1 + s) times its full-power runtime (<see cref="AllowsThroughput"/>); it may be paused only if s &gt; 0
/// (<see cref="AllowsPause"/>); and its deadline bounds its delay (traces set it to earliest start + runtime × (1 + s)
/// + one step unless slack_hours says otherwise; a job file gives it). Rigid jobs (s = 0) therefore run at full power and
/// unpaused, and a trace's deadline leaves them at most one step of delay. greedy and optimal never finish a rigid or standard job late where a
/// schedule exists; mpc, which cannot see work not yet arrived, may, and the benchmarks count it ("firm late").</summary>
/// <param name="Name">Tier name as written in scenarios: rigid, standard, relaxed or a custom name.</param>
/// <param name="MaxSlowdown">Tolerated extra time as a multiple of the runtime, ≥ 0.</param>
public readonly record struct FlexibilityTier(string Name, double MaxSlowdown)
{
    /// <summary>No slack: run as soon as released.</summary>
    public static FlexibilityTier Rigid => new("rigid", 0);
    /// <summary>May take up to twice its runtime.</summary>
    public static FlexibilityTier Standard => new("standard", 1);
    /// <summary>May take up to four times its runtime.</summary>
    public static FlexibilityTier Relaxed => new("relaxed", 3);

    /// <summary>True for the rigid tier (no tolerated slowdown).</summary>
    public bool IsRigid => MaxSlowdown <= 0;

    /// <summary>Whether a job of this tier may run at a power level of this throughput (relative to full power): only
    /// if its runtime there, 1 / throughput, is at most 1 + <see cref="MaxSlowdown"/>.</summary>
    public bool AllowsThroughput(double throughput) => throughput * (1 + MaxSlowdown) >= 1 - 1e-9;

    /// <summary>Whether a job of this tier may be paused: only if it tolerates some slowdown.</summary>
    public bool AllowsPause => MaxSlowdown > 0;

    /// <summary>Whether a coordinating policy must never finish a job of this tier late: rigid and standard.</summary>
    public bool DeadlineIsFirm => MaxSlowdown <= Standard.MaxSlowdown;

    /// <summary>Looks up a built-in tier by name.</summary>
    public static bool TryParse(string? name, out FlexibilityTier tier)
    {
        tier = name switch { "rigid" => Rigid, "standard" => Standard, "relaxed" => Relaxed, _ => default };
        return tier.Name is not null;
    }
}
