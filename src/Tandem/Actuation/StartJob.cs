namespace Tandem.Actuation;

/// <summary>Start a pending job (or resume a paused one) on a pool of a site at a power level of the pool's curve, on
/// <see cref="Gpus"/> GPUs (an elastic job's size for this run; null: the job's own size).</summary>
public sealed record StartJob(DateTimeOffset At, string JobId, string SiteId, string PoolId, int Level, CommandReason? Reason = null) : Command(At)
{
    /// <summary>GPUs to run on; null for the job's nominal size.</summary>
    public int? Gpus { get; init; }
}
