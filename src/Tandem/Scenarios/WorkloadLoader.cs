using Tandem.Formats;
using Tandem.Time;
using Tandem.Workloads;

namespace Tandem.Scenarios;

/// <summary>Builds a scenario's jobs (inline, or mapped from a cluster trace) and its online inference demand.</summary>
internal sealed class WorkloadLoader(string baseDirectory, TimeGrid grid, IReadOnlySet<string> siteIds, ProblemList problems)
{
    public List<Job> Jobs(WorkloadDocument? doc)
    {
        var jobs = new List<Job>();
        if (doc is null) return jobs;
        for (var i = 0; i < (doc.Jobs?.Count ?? 0); i++)
            if (!problems.IsNullEntry(doc.Jobs![i], $"workload.jobs[{i}]", "a job") && Inline(doc.Jobs[i], $"workload.jobs[{i}]") is { } j) jobs.Add(j);
        for (var i = 0; i < (doc.Traces?.Count ?? 0); i++)
            if (!problems.IsNullEntry(doc.Traces![i], $"workload.traces[{i}]", "a trace")) jobs.AddRange(Trace(doc.Traces[i], $"workload.traces[{i}]"));
        foreach (var dup in jobs.GroupBy(j => j.Id).Where(g => g.Count() > 1).Take(20))
            problems.Add("workload", $"job id '{dup.Key}' is used {dup.Count()} times");
        return jobs;
    }

    private Job? Inline(JobDocument d, string f)
    {
        var before = problems.Count;
        var id = problems.RequireText(d.Id, $"{f}.id");
        var gpus = problems.Require(d.Gpus, $"{f}.gpus");
        if (d.Gpus is < 1) problems.Add($"{f}.gpus", $"{d.Gpus} must be at least 1");
        problems.AtMost(d.Gpus, $"{f}.gpus", ScenarioLimits.MaxGpus, "GPUs");
        var work = problems.Require(d.WorkGpuHours, $"{f}.work_gpu_hours");
        if (d.WorkGpuHours is { } w && !(w > 0 && double.IsFinite(w))) problems.Add($"{f}.work_gpu_hours", $"{w} must be positive");
        else if (d.WorkGpuHours is { } w2 && d.Gpus is { } g and >= 1 && w2 / g > ScenarioLimits.MaxHours)
            problems.Add($"{f}.work_gpu_hours", $"{w2} GPU-hours on {g} GPUs run {w2 / g:0.#} hours; at most {ScenarioLimits.MaxHours:#,0} (ten years)");
        var submit = ScenarioLoader.Instant(d.Submit, $"{f}.submit", problems);
        var earliest = d.EarliestStart is null ? submit : ScenarioLoader.Instant(d.EarliestStart, $"{f}.earliest_start", problems);
        var deadline = ScenarioLoader.Instant(d.Deadline, $"{f}.deadline", problems);
        if (earliest is { } e && submit is { } s && e < s) problems.Add($"{f}.earliest_start", "is before submit");
        if (deadline is { } dl && earliest is { } e2 && dl <= e2) problems.Add($"{f}.deadline", $"{dl:O} is not after the job's release {e2:O}");
        var kind = JobKind.Training;
        if (d.Kind is not null && !TryKind(d.Kind, out kind)) problems.Add($"{f}.kind", $"'{d.Kind}' is not training, fine_tuning or batch_inference");
        var tier = FlexibilityTier.Standard;
        if (d.Tier is not null && !FlexibilityTier.TryParse(d.Tier, out tier)) problems.Add($"{f}.tier", $"'{d.Tier}' is not rigid, standard or relaxed");
        var sites = Sites(d.AllowedSites, $"{f}.allowed_sites");
        var overhead = d.CheckpointOverheadMinutes ?? 0;
        if (!(overhead >= 0)) problems.Add($"{f}.checkpoint_overhead_minutes", $"{overhead} must not be negative");
        problems.AtMost(overhead, $"{f}.checkpoint_overhead_minutes", ScenarioLimits.MaxCheckpointOverheadMinutes, "minutes (a day)");
        var elastic = d.Elastic is null ? null : Elastic(d.Elastic, gpus, $"{f}.elastic");
        if (problems.Count > before) return null;
        return new Job(id, d.Tenant ?? "default", kind, gpus, work, submit!.Value, earliest!.Value, deadline!.Value, sites,
            d.Interruptible ?? false, TimeSpan.FromMinutes(overhead), tier) { Elastic = elastic };
    }

    /// <summary>A job's elastic range: 1 ≤ min_gpus ≤ gpus ≤ max_gpus ≤ the GPU limit, 0 &lt; scaling_exponent ≤ 1
    /// (default 0.9); a trace's share and factors belong to traces, not jobs.</summary>
    private ElasticScaling? Elastic(ElasticDocument d, int gpus, string f)
    {
        var before = problems.Count;
        if (d.Share is not null || d.MinFactor is not null || d.MaxFactor is not null)
            problems.Add(f, "share, min_factor and max_factor are for traces; a job gives min_gpus and max_gpus");
        var min = problems.Require(d.MinGpus, $"{f}.min_gpus");
        var max = problems.Require(d.MaxGpus, $"{f}.max_gpus");
        if (d.MinGpus is { } lo && (lo < 1 || lo > gpus)) problems.Add($"{f}.min_gpus", $"{lo} must lie between 1 and the job's gpus ({gpus})");
        if (d.MaxGpus is { } hi && (hi < gpus || hi > ScenarioLimits.MaxGpus)) problems.Add($"{f}.max_gpus", $"{hi} must lie between the job's gpus ({gpus}) and {ScenarioLimits.MaxGpus:#,0}");
        var exponent = d.ScalingExponent ?? ElasticScaling.DefaultExponent;
        if (!(exponent > 0 && exponent <= 1)) problems.Add($"{f}.scaling_exponent", $"{exponent} must lie in (0, 1]");
        return problems.Count > before ? null : new ElasticScaling(min, max, exponent);
    }

    private List<string> Sites(List<string>? ids, string f)
    {
        if (ids is null || ids.Count == 0) { problems.Add(f, "at least one site is required"); return []; }
        foreach (var id in ids.Where(id => !siteIds.Contains(id)))
            problems.Add(f, id is null ? "holds null; give site ids" : $"'{id}' is not a site of this scenario");
        return ids;
    }

    private static bool TryKind(string text, out JobKind kind)
    {
        kind = text switch { "training" => JobKind.Training, "fine_tuning" => JobKind.FineTuning, "batch_inference" => JobKind.BatchInference, _ => (JobKind)(-1) };
        return kind >= 0;
    }

    private IEnumerable<Job> Trace(TraceDocument d, string f)
    {
        var sites = Sites(d.Sites, $"{f}.sites");
        if (string.IsNullOrWhiteSpace(d.File)) { problems.Add($"{f}.file", "is required"); return []; }
        var path = Path.GetFullPath(Path.Combine(baseDirectory, d.File));
        var start = d.TraceStart is null ? grid.Start : ScenarioLoader.Instant(d.TraceStart, $"{f}.trace_start", problems) ?? grid.Start;
        var mapping = TraceMapping.From(d, f, problems);
        if (mapping is null || sites.Count == 0) return [];
        return d.Format switch
        {
            "alibaba-gpu-2023" => problems.Try($"{f}.file", () => AlibabaGpuTraceReader.Read(path)) is { } tasks
                ? mapping.FromAlibaba(tasks, start, grid, sites)
                : [],
            "philly-runtime" => problems.Try($"{f}.file", () => PhillyRuntimeReader.Read(path)) is { } runtimes
                ? mapping.FromRuntimes(runtimes, start, grid, sites, f, problems)
                : [],
            _ => Unknown(),
        };

        IEnumerable<Job> Unknown()
        {
            problems.Add($"{f}.format", $"unknown trace format '{d.Format}'; known: alibaba-gpu-2023, philly-runtime");
            return [];
        }
    }

    /// <summary>The inference regions, each with the GPUs its demand needs in each step (a signal).</summary>
    public List<(InferenceDemand Region, Series<double> Gpus)> Inference(List<InferenceDocument>? docs)
    {
        var list = new List<(InferenceDemand, Series<double>)>();
        for (var i = 0; i < (docs?.Count ?? 0); i++)
        {
            var d = docs![i];
            var f = $"workload.inference[{i}]";
            if (problems.IsNullEntry(d, f, "an inference region")) continue;
            var before = problems.Count;
            var region = problems.RequireText(d.Region, $"{f}.region");
            var sites = Sites(d.AllowedSites, $"{f}.allowed_sites");
            var peak = problems.Require(d.PeakGpus, $"{f}.peak_gpus");
            if (d.PeakGpus is { } pk && !(pk > 0)) problems.Add($"{f}.peak_gpus", $"{pk} must be positive");
            problems.AtMost(d.PeakGpus, $"{f}.peak_gpus", ScenarioLimits.MaxGpus, "GPUs");
            var stretch = d.StretchToHours ?? 24;
            if (!(stretch > 0)) problems.Add($"{f}.stretch_to_hours", $"{stretch} must be positive");
            problems.AtMost(stretch, $"{f}.stretch_to_hours", ScenarioLimits.MaxHours, "hours (ten years)");
            if (d.Trace?.File is null || d.Trace.Format is null) { problems.Add($"{f}.trace", "needs file and format (azure-llm or mooncake)"); continue; }
            var path = Path.GetFullPath(Path.Combine(baseDirectory, d.Trace.File));
            var requests = problems.Try($"{f}.trace.file", () => LlmTraceReader.Read(path, d.Trace.Format));
            if (requests is null || problems.Count > before) continue;
            var gpus = InferenceShape.Replay(requests, grid, TimeSpan.FromHours(stretch), peak);
            list.Add((new InferenceDemand(region, sites, d.LatencyRule ?? ""), new Series<double>(grid, gpus)));
        }
        return list;
    }
}
