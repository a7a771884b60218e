namespace Tandem.Workloads;

/// <summary>A batch AI job. Its work is measured in GPU-hours at full power: on <see cref="Gpus"/> GPUs at full
/// power it takes Work / Gpus hours; at a lower power limit it takes longer by the curve's throughput.</summary>
public sealed record Job
{
    /// <summary>Creates a job; validated where read, guarded here.</summary>
    public Job(string id, string tenant, JobKind kind, int gpus, double workGpuHours, DateTimeOffset submit,
        DateTimeOffset earliestStart, DateTimeOffset deadline, IReadOnlyList<string> allowedSites, bool interruptible,
        TimeSpan checkpointOverhead, FlexibilityTier tier)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "A job needs at least one GPU.");
        if (!(workGpuHours > 0) || !double.IsFinite(workGpuHours)) throw new ArgumentOutOfRangeException(nameof(workGpuHours), workGpuHours, "Work must be positive.");
        if (earliestStart < submit) throw new ArgumentException($"Job {id}: earliest start is before submit.");
        if (deadline <= earliestStart) throw new ArgumentException($"Job {id}: deadline is not after its earliest start.");
        if (allowedSites.Count == 0) throw new ArgumentException($"Job {id}: no allowed site.");
        if (checkpointOverhead < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(checkpointOverhead));
        Id = id; Tenant = tenant; Kind = kind; Gpus = gpus; WorkGpuHours = workGpuHours; Submit = submit;
        EarliestStart = earliestStart; Deadline = deadline; AllowedSites = allowedSites; Interruptible = interruptible;
        CheckpointOverhead = checkpointOverhead; Tier = tier;
    }

    /// <summary>Unique job id.</summary>
    public string Id { get; }
    /// <summary>Owner of the job.</summary>
    public string Tenant { get; }
    /// <summary>Training, fine-tuning or batch inference.</summary>
    public JobKind Kind { get; }
    /// <summary>GPUs the job needs at once, all in one pool.</summary>
    public int Gpus { get; }
    /// <summary>Work in GPU-hours at full power.</summary>
    public double WorkGpuHours { get; }
    /// <summary>When the job was submitted (UTC).</summary>
    public DateTimeOffset Submit { get; }
    /// <summary>Earliest time it may start (UTC).</summary>
    public DateTimeOffset EarliestStart { get; }
    /// <summary>Time by which it should be done (UTC).</summary>
    public DateTimeOffset Deadline { get; }
    /// <summary>Sites it may run at (data residency), in order of preference; the first is its home site.</summary>
    public IReadOnlyList<string> AllowedSites { get; }
    /// <summary>Whether it may be paused and resumed (or moved).</summary>
    public bool Interruptible { get; }
    /// <summary>Time lost on each resume after a pause (restoring a checkpoint).</summary>
    public TimeSpan CheckpointOverhead { get; }
    /// <summary>Tolerated slowdown.</summary>
    public FlexibilityTier Tier { get; }

    /// <summary>Runtime at full power.</summary>
    public TimeSpan FullPowerRuntime => TimeSpan.FromHours(WorkGpuHours / Gpus);
}
