using Tandem.Formats;
using Tandem.Time;
using Tandem.Workloads;

namespace Tandem.Scenarios;

/// <summary>How a cluster trace becomes Tandem jobs (docs/scenario.md, "Traces"). Deterministic: the same file and
/// settings always give the same jobs.
/// <list type="bullet">
/// <item>Alibaba GPU 2023: pods with at least one GPU whose creation falls in [skip, skip + period); submit =
/// trace_start + (creation − skip) / time_scale (time_scale above 1 packs more of the trace into the period); GPUs = num_gpu; work = GPUs × run time (GPU sharing below one GPU is not
/// modelled); LS pods are rigid and not interruptible, BE pods are interruptible with the tier_be slack.</item>
/// <item>Philly run times: arrivals as a Poisson process of jobs_per_day, run times and GPU counts drawn with a
/// fixed seed from the file and gpu_mix; the jobs are interruptible with tier_other slack.</item>
/// </list>
/// Run times outside [min_runtime_hours, max_runtime_hours] are left out (Philly's are drawn from those inside): most
/// trace jobs last minutes, and min_runtime_hours keeps the training runs of hours to days.
/// Each job's home site is chosen by a stable hash of its id; resident_share of jobs may run only there, the rest may
/// run at any listed site. A deadline is earliest start + run time × (1 + tier slowdown) + one grid step, since work
/// starts on step boundaries. With slack_hours [lo, hi], a job that may pause (not LS, not rigid) gets earliest start +
/// run time + a slack drawn uniformly from [lo, hi] hours + one grid step instead: training and batch work has a day
/// or three of slack whatever its run time. The draw comes from a stable hash of the job id, so it does not depend on
/// the order jobs are read in. With elastic { share, min_factor, max_factor, scaling_exponent }, that share of the jobs
/// that may pause (drawn by another stable hash of the id) may run on their GPU count × [min_factor, max_factor]
/// (rounded, at least one GPU), scaling with the exponent (<see cref="ElasticScaling"/>).</summary>
internal sealed class TraceMapping
{
    private FlexibilityTier _ls, _be, _other;
    private double _residentShare, _minRuntimeHours, _maxRuntimeHours, _jobsPerDay;
    private TimeSpan _overhead, _skip;
    private TimeSpan? _arrivals;
    private (double Lo, double Hi)? _slackHours;
    private double _timeScale = 1;
    private int _maxJobs, _seed;
    private string _tenant = "trace";
    private Dictionary<int, double> _gpuMix = [];
    private (double Share, double MinFactor, double MaxFactor, double Exponent)? _elastic;

    public static TraceMapping? From(TraceDocument d, string f, ProblemList problems)
    {
        var before = problems.Count;
        var m = new TraceMapping
        {
            _ls = Tier(d.TierLs ?? "rigid", $"{f}.tier_ls", problems),
            _be = Tier(d.TierBe ?? "relaxed", $"{f}.tier_be", problems),
            _other = Tier(d.TierOther ?? "standard", $"{f}.tier_other", problems),
            _residentShare = d.ResidentShare ?? 0,
            _minRuntimeHours = d.MinRuntimeHours ?? 0,
            _maxRuntimeHours = d.MaxRuntimeHours ?? double.PositiveInfinity,
            _maxJobs = d.MaxJobs ?? ScenarioLimits.MaxJobsPerTrace,
            _seed = d.Seed ?? 1,
            _jobsPerDay = d.JobsPerDay ?? 0,
            _tenant = d.Tenant ?? "trace",
            _timeScale = d.TimeScale ?? 1,
        };
        if (m._residentShare is < 0 or > 1) problems.Add($"{f}.resident_share", $"{m._residentShare} must lie in [0, 1]");
        if (!(m._maxRuntimeHours > 0)) problems.Add($"{f}.max_runtime_hours", $"{m._maxRuntimeHours} must be positive");
        if (!(m._minRuntimeHours >= 0)) problems.Add($"{f}.min_runtime_hours", $"{m._minRuntimeHours} must not be negative");
        else if (m._minRuntimeHours > m._maxRuntimeHours) problems.Add($"{f}.min_runtime_hours", $"{m._minRuntimeHours} is above max_runtime_hours {m._maxRuntimeHours}");
        problems.AtMost(d.MinRuntimeHours, $"{f}.min_runtime_hours", ScenarioLimits.MaxHours, "hours (ten years)");
        if (d.CheckpointOverheadMinutes is < 0) problems.Add($"{f}.checkpoint_overhead_minutes", "must not be negative");
        problems.AtMost(d.CheckpointOverheadMinutes, $"{f}.checkpoint_overhead_minutes", ScenarioLimits.MaxCheckpointOverheadMinutes, "minutes (a day)");
        if (d.SkipDays is < 0) problems.Add($"{f}.skip_days", "must not be negative");
        problems.AtMost(d.SkipDays, $"{f}.skip_days", ScenarioLimits.MaxDays, "days (ten years)");
        if (d.ArrivalDays is <= 0) problems.Add($"{f}.arrival_days", "must be positive");
        problems.AtMost(d.ArrivalDays, $"{f}.arrival_days", ScenarioLimits.MaxDays, "days (ten years)");
        if (d.TimeScale is { } ts && !(ts >= ScenarioLimits.MinTimeScale && ts <= ScenarioLimits.MaxTimeScale))
            problems.Add($"{f}.time_scale", $"{ts} must lie between {ScenarioLimits.MinTimeScale} and {ScenarioLimits.MaxTimeScale:#,0}");
        if (d.MaxJobs is < 1) problems.Add($"{f}.max_jobs", "must be at least 1");
        problems.AtMost(d.MaxJobs, $"{f}.max_jobs", ScenarioLimits.MaxJobsPerTrace, "jobs per trace");
        problems.AtMost(d.JobsPerDay, $"{f}.jobs_per_day", ScenarioLimits.MaxJobsPerDay, "jobs per day");
        m._slackHours = SlackHours(d.SlackHours, $"{f}.slack_hours", problems);
        if (d.Elastic is { } el) m._elastic = Elastic(el, $"{f}.elastic", problems);
        if (d.Format == "philly-runtime")
        {
            if (!(m._jobsPerDay > 0)) problems.Add($"{f}.jobs_per_day", "is required (and positive) for philly-runtime, which has no arrival times");
            m._gpuMix = new Dictionary<int, double>();
            if (d.GpuMix is { Count: 0 }) problems.Add($"{f}.gpu_mix", "is empty; give GPU counts and their weights, e.g. { \"1\": 0.5, \"8\": 0.5 }");
            foreach (var (k, v) in d.GpuMix ?? new() { ["1"] = 1 })
            {
                if (!int.TryParse(k, out var g) || g < 1 || g > ScenarioLimits.MaxGpus) problems.Add($"{f}.gpu_mix.{k}", $"keys are GPU counts from 1 to {ScenarioLimits.MaxGpus:#,0}");
                else if (!(v > 0 && v <= ScenarioLimits.MaxWeight)) problems.Add($"{f}.gpu_mix.{k}", $"{v}: weights must be positive and at most {ScenarioLimits.MaxWeight:#,0}");
                else m._gpuMix[g] = v;
            }
        }
        if (problems.Count > before) return null;
        // Durations are made only once their values are known to fit a TimeSpan.
        m._overhead = TimeSpan.FromMinutes(d.CheckpointOverheadMinutes ?? 5);
        m._skip = TimeSpan.FromDays(d.SkipDays ?? 0);
        m._arrivals = d.ArrivalDays is { } ad ? TimeSpan.FromDays(ad) : null;
        return m;
    }

    /// <summary>A trace's elastic settings: 0 ≤ share ≤ 1, 0 &lt; min_factor ≤ 1 ≤ max_factor ≤ 64, 0 &lt; exponent ≤ 1.</summary>
    private static (double, double, double, double)? Elastic(ElasticDocument d, string f, ProblemList problems)
    {
        var before = problems.Count;
        if (d.MinGpus is not null || d.MaxGpus is not null) problems.Add(f, "min_gpus and max_gpus are for jobs; a trace gives share, min_factor and max_factor");
        var share = problems.Require(d.Share, $"{f}.share");
        if (d.Share is { } sh && !(sh is >= 0 and <= 1)) problems.Add($"{f}.share", $"{sh} must lie in [0, 1]");
        var lo = d.MinFactor ?? 1;
        if (!(lo > 0 && lo <= 1)) problems.Add($"{f}.min_factor", $"{lo} must lie in (0, 1]");
        var hi = d.MaxFactor ?? 1;
        if (!(hi >= 1 && hi <= MaxElasticFactor)) problems.Add($"{f}.max_factor", $"{hi} must lie between 1 and {MaxElasticFactor}");
        var exponent = d.ScalingExponent ?? ElasticScaling.DefaultExponent;
        if (!(exponent > 0 && exponent <= 1)) problems.Add($"{f}.scaling_exponent", $"{exponent} must lie in (0, 1]");
        if (problems.Count == before && lo == 1 && hi == 1) problems.Add(f, "give min_factor below 1 or max_factor above 1; with both 1 no job would be elastic");
        return problems.Count > before ? null : (share, lo, hi, exponent);
    }

    private const double MaxElasticFactor = 64;

    /// <summary>slack_hours as [lo, hi] with 0 ≤ lo ≤ hi ≤ ten years, or null when absent or wrong (a problem).</summary>
    private static (double Lo, double Hi)? SlackHours(List<double>? hours, string f, ProblemList problems)
    {
        if (hours is null) return null;
        if (hours.Count != 2) { problems.Add(f, $"needs two numbers [lo, hi] in hours, e.g. [24, 72]; it has {hours.Count}"); return null; }
        var (lo, hi) = (hours[0], hours[1]);
        var before = problems.Count;
        if (!(lo >= 0)) problems.Add(f, $"lo {lo} must not be negative");
        if (!(hi >= 0)) problems.Add(f, $"hi {hi} must not be negative");
        else if (lo > hi) problems.Add(f, $"lo {lo} is above hi {hi}");
        problems.AtMost(hi, f, ScenarioLimits.MaxHours, "hours (ten years)");
        return problems.Count > before ? null : (lo, hi);
    }

    private static FlexibilityTier Tier(string name, string f, ProblemList problems)
    {
        if (FlexibilityTier.TryParse(name, out var t)) return t;
        problems.Add(f, $"'{name}' is not rigid, standard or relaxed");
        return FlexibilityTier.Standard;
    }

    public IEnumerable<Job> FromAlibaba(IReadOnlyList<AlibabaGpuTask> tasks, DateTimeOffset traceStart, TimeGrid grid, List<string> sites)
    {
        var period = Arrivals(grid);
        var count = 0;
        foreach (var t in tasks.Where(t => t.Gpus >= 1).OrderBy(t => t.Creation).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            var at = (t.Creation - _skip) / _timeScale;
            if (at < TimeSpan.Zero || at >= period) continue;
            var runtime = t.Runtime;
            if (runtime <= TimeSpan.Zero || runtime.TotalHours < _minRuntimeHours || runtime.TotalHours > _maxRuntimeHours) continue;
            if (count++ >= _maxJobs) yield break;
            var ls = t.Qos is "LS" or "Guaranteed";
            var tier = ls ? _ls : t.Qos == "BE" ? _be : _other;
            var submit = traceStart + at;
            var kind = t.Gpus >= 8 ? JobKind.Training : t.Gpus >= 2 ? JobKind.FineTuning : JobKind.BatchInference;
            yield return Make(t.Name, kind, t.Gpus, runtime, submit, tier, !ls, grid, sites);
        }
    }

    public IEnumerable<Job> FromRuntimes(IReadOnlyList<TimeSpan> runtimes, DateTimeOffset traceStart, TimeGrid grid, List<string> sites, string f, ProblemList problems)
    {
        var usable = runtimes.Where(r => r > TimeSpan.Zero && r.TotalHours >= _minRuntimeHours && r.TotalHours <= _maxRuntimeHours).ToArray();
        if (usable.Length == 0) { problems.Add($"{f}.file", "no usable run times (all zero, below min_runtime_hours or above max_runtime_hours)"); return []; }
        var rng = new Random(_seed);
        var mix = _gpuMix.OrderBy(kv => kv.Key).ToArray();
        var total = mix.Sum(kv => kv.Value);
        var jobs = new List<Job>();
        var t = traceStart;
        var end = traceStart + Arrivals(grid);
        while (jobs.Count < _maxJobs)
        {
            // A gap past the end stops arrivals before it is added, so a low rate cannot overflow the time.
            var gapDays = -Math.Log(1 - rng.NextDouble()) / _jobsPerDay;
            if (gapDays >= (end - t).TotalDays) break;
            t += TimeSpan.FromDays(gapDays);
            if (t >= end) break;
            var runtime = usable[rng.Next(usable.Length)];
            var pick = rng.NextDouble() * total;
            var gpus = mix[^1].Key;
            foreach (var (g, w) in mix) { if (pick < w) { gpus = g; break; } pick -= w; }
            var kind = gpus >= 8 ? JobKind.Training : gpus >= 2 ? JobKind.FineTuning : JobKind.BatchInference;
            jobs.Add(Make($"{_tenant}-{jobs.Count:D6}", kind, gpus, runtime, t, _other, true, grid, sites));
        }
        return jobs;
    }

    /// <summary>How long after the trace start jobs arrive: arrival_days, else the whole period.</summary>
    private TimeSpan Arrivals(TimeGrid grid) => _arrivals is { } a && a < grid.End - grid.Start ? a : grid.End - grid.Start;

    private Job Make(string id, JobKind kind, int gpus, TimeSpan runtime, DateTimeOffset submit, FlexibilityTier tier, bool interruptible, TimeGrid grid, List<string> sites)
    {
        var hash = StableHash(id);
        var home = sites[(int)(hash % (uint)sites.Count)];
        var resident = (hash >> 8) % 10000 < _residentShare * 10000;
        var allowed = resident ? [home] : sites.Where(s => s != home).Prepend(home).ToList();
        var deadline = _slackHours is (var lo, var hi) && interruptible && !tier.IsRigid
            ? submit + runtime + TimeSpan.FromHours(lo + (hi - lo) * Uniform(hash)) + grid.Step
            : submit + runtime * (1 + tier.MaxSlowdown) + grid.Step;
        ElasticScaling? elastic = null;
        if (_elastic is var (share, minFactor, maxFactor, exponent) && interruptible && !tier.IsRigid && Uniform(StableHash(id + "#elastic")) < share)
        {
            var min = Math.Clamp((int)Math.Round(gpus * minFactor), 1, gpus);
            var max = Math.Clamp((int)Math.Round(gpus * maxFactor), gpus, ScenarioLimits.MaxGpus);
            if (min < max) elastic = new ElasticScaling(min, max, exponent);
        }
        return new Job(id, _tenant, kind, gpus, gpus * runtime.TotalHours, submit, submit, deadline, allowed,
            interruptible, _overhead, tier) { Elastic = elastic };
    }

    /// <summary>A number in [0, 1) from an id's hash, independent of the bits that pick the home site and residency:
    /// the hash is salted and mixed (MurmurHash3's finaliser) so that every bit of the id moves every bit of the result.</summary>
    internal static double Uniform(uint hash)
    {
        var h = hash ^ 0x9E3779B9u;
        h ^= h >> 16; h *= 0x85EBCA6Bu; h ^= h >> 13; h *= 0xC2B2AE35u; h ^= h >> 16;
        return h / 4294967296.0;
    }

    /// <summary>FNV-1a over the id: stable across runs and platforms, unlike string.GetHashCode.</summary>
    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) { h ^= c; h *= 16777619u; }
        return h;
    }
}
