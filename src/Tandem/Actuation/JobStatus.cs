namespace Tandem.Actuation;

/// <summary>Where a job stands in a simulation.</summary>
public enum JobStatus
{
    /// <summary>Its earliest start has not come yet.</summary>
    NotReleased,
    /// <summary>Released and never started.</summary>
    Pending,
    /// <summary>Running on a pool.</summary>
    Running,
    /// <summary>Started, then paused (interruptible jobs only).</summary>
    Paused,
    /// <summary>All work done.</summary>
    Done,
    /// <summary>Withdrawn by its owner before it was done.</summary>
    Cancelled,
}
