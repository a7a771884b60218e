namespace Tandem.Actuation;

/// <summary>Pause a running interruptible job (it checkpoints; resuming pays its checkpoint overhead).</summary>
public sealed record PauseJob(DateTimeOffset At, string JobId) : Command(At);
