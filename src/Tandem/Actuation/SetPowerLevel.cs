namespace Tandem.Actuation;

/// <summary>Move a running job to another power level of its pool's curve (a GPU power cap).</summary>
public sealed record SetPowerLevel(DateTimeOffset At, string JobId, int Level) : Command(At);
