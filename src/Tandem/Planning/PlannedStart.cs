namespace Tandem.Planning;

/// <summary>A job's place in a plan: it starts at <see cref="Step"/> (absolute grid index) on a pool at a power
/// level and runs without pause until done.</summary>
public readonly record struct PlannedStart(int Job, int Site, int Pool, int Level, int Step, Actuation.CommandReason? Reason = null)
{
    /// <summary>GPUs the job runs on where an elastic job's planner chose another size than its own; null for its own size.</summary>
    public int? Gpus { get; init; }
}
