namespace Tandem.Workloads;

/// <summary>How much slowdown a job tolerates: its deadline may lie up to (1 + <see cref="MaxSlowdown"/>) times its
/// full-power runtime after its earliest start. Rigid jobs (slowdown 0) have hard deadlines that no policy may
/// trade away; the others are deferrable within their slack.</summary>
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

    /// <summary>Looks up a built-in tier by name.</summary>
    public static bool TryParse(string? name, out FlexibilityTier tier)
    {
        tier = name switch { "rigid" => Rigid, "standard" => Standard, "relaxed" => Relaxed, _ => default };
        return tier.Name is not null;
    }
}
