namespace Tandem.Actuation;

/// <summary>Start a pending job (or resume a paused one) on a pool of a site at a power level of the pool's curve.</summary>
public sealed record StartJob(DateTimeOffset At, string JobId, string SiteId, string PoolId, int Level, CommandReason? Reason = null) : Command(At);
