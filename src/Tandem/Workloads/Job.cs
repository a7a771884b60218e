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

    /// <summary>When its owner withdrew it (a cancel sent to a live service), or null: from then on it must not run, and
    /// it counts as neither done nor unfinished. An input to the run, like its arrival.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Runtime at full power.</summary>
    public TimeSpan FullPowerRuntime => TimeSpan.FromHours(WorkGpuHours / Gpus);

    /// <summary>Whether the job may run on another number of GPUs than <see cref="Gpus"/>, and how it scales; null for
    /// a job of fixed size.</summary>
    public ElasticScaling? Elastic { get; init; }

    /// <summary>Work done per hour at full power on <paramref name="gpus"/> GPUs, in the GPU-hours of
    /// <see cref="WorkGpuHours"/> (those of its nominal size): <see cref="Gpus"/> on its nominal size, and
    /// Gpus × (gpus / Gpus)^exponent on another (<see cref="ElasticScaling"/>).</summary>
    public double Rate(int gpus) => gpus == Gpus || Elastic is null ? Gpus : Gpus * Math.Pow(gpus / (double)Gpus, Elastic.Exponent);

    /// <summary>How fast the job runs, relative to its own size at full power, at a level of
    /// <paramref name="throughput"/> on <paramref name="gpus"/> GPUs; a larger size counts as no faster, since a tier
    /// bounds slowdown only.</summary>
    public double Speed(double throughput, int gpus) => throughput * Math.Min(1, Rate(gpus) / Gpus);

    /// <summary><paramref name="gpus"/> where it differs from the job's own size, else null: how commands, plans and
    /// the log record a size.</summary>
    public int? OtherSize(int gpus) => gpus == Gpus ? null : gpus;

    /// <summary>Whether the job may run on <paramref name="gpus"/> GPUs.</summary>
    public bool AllowsGpus(int gpus) => gpus == Gpus || (Elastic is { } e && gpus >= e.MinGpus && gpus <= e.MaxGpus);

    /// <summary>The GPU counts planners try: the nominal size alone for a fixed job; for an elastic one its minimum,
    /// nominal and maximum sizes and every power of two between (at most <see cref="ElasticScaling.MaxCounts"/>).</summary>
    public IReadOnlyList<int> Counts => Elastic is { } e ? e.Counts(Gpus) : [Gpus];
}

/// <summary>How an elastic job scales (CarbonScaler's idea): it may run on <see cref="MinGpus"/> to
/// <see cref="MaxGpus"/> GPUs, chosen at each start or resume, and its throughput grows as the GPU count to the power
/// <see cref="Exponent"/> (1: linear; below 1, each added GPU gains less, so a larger size spends more energy per unit
/// of work and pays only where power is clean or cheap, or where the deadline needs it).</summary>
public sealed record ElasticScaling(int MinGpus, int MaxGpus, double Exponent)
{
    /// <summary>Scaling exponent when a scenario gives none: 0.9, so doubling the GPUs gives 1.87× the throughput
    /// (data-parallel training at moderate scale).</summary>
    public const double DefaultExponent = 0.9;

    /// <summary>Most GPU counts the planners try per job.</summary>
    public const int MaxCounts = 6;

    /// <summary>Minimum, nominal and maximum, and the powers of two between, smallest first, at most
    /// <see cref="MaxCounts"/> (the powers of two nearest the nominal size are kept).</summary>
    public IReadOnlyList<int> Counts(int nominal)
    {
        var fixedOnes = new[] { MinGpus, nominal, MaxGpus };
        var between = Enumerable.Range(0, 31).Select(i => 1 << i).Where(c => c > MinGpus && c < MaxGpus && c != nominal)
            .OrderBy(c => Math.Abs(Math.Log2(c) - Math.Log2(nominal))).Take(MaxCounts - fixedOnes.Distinct().Count());
        return fixedOnes.Concat(between).Distinct().Order().ToArray();
    }
}
