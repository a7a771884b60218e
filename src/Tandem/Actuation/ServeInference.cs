namespace Tandem.Actuation;

/// <summary>Serve part of a region's online inference demand in the current step on a pool, at full power.</summary>
/// <param name="At">Start of the step.</param>
/// <param name="Region">The inference region.</param>
/// <param name="SiteId">The site serving it.</param>
/// <param name="PoolId">The pool serving it.</param>
/// <param name="LoadGpus">GPUs' worth of load, fractional.</param>
public sealed record ServeInference(DateTimeOffset At, string Region, string SiteId, string PoolId, double LoadGpus) : Command(At);
