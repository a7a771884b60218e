namespace Tandem.Actuation;

/// <summary>Withdraw a job its owner cancelled: a waiting one never starts, a running one stops and frees its GPUs. Sent
/// by a live service at the start of a step, before the policy decides; never by a policy.</summary>
public sealed record CancelJob(DateTimeOffset At, string JobId) : Command(At);
