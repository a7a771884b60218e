using System.Globalization;
using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Storage.Jobs;

namespace Tandem.Server.Live;

/// <summary>Each job's place in the live plan, as <see cref="JobPlan"/>s: from the fleet (status, site, level), the
/// commands issued (when it started, and the planner's reason), and the policy's latest plan where it keeps one (when
/// and where a waiting job is planned to start).</summary>
internal sealed class JobPlans(SteppedRun run)
{
    private readonly Dictionary<string, StartJob> _lastStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _firstStart = new(StringComparer.Ordinal);
    private readonly HashSet<string> _api = new(StringComparer.Ordinal);
    private readonly List<JobPlan> _refused = [];

    /// <summary>Jobs the fleet refused (a site or size it does not have), as shown.</summary>
    public IReadOnlyList<JobPlan> Refused => _refused;

    /// <summary>Notes the starts among <paramref name="commands"/>.</summary>
    public void Record(IEnumerable<Command> commands)
    {
        foreach (var c in commands)
            if (c is StartJob s)
            {
                _lastStart[s.JobId] = s;
                _firstStart.TryAdd(s.JobId, s.At);
            }
    }

    /// <summary>Marks a job as one of the service's own (submitted over the API).</summary>
    public void AdmittedFromApi(StoredJob job) => _api.Add(job.Id);

    /// <summary>Whether the job came in over the API.</summary>
    public bool FromApi(string id) => _api.Contains(id);

    /// <summary>Records that the fleet refused a job (one of the service's own, outside the fleet).</summary>
    public void Refuse(StoredJob job, string why)
    {
        _api.Add(job.Id);
        _refused.Add(new JobPlan(job.Id, job.Tenant, "refused", 0, null, null, null, job.Submitted, job.Submitted, null, null, null, null, 0, null, null, null, why));
    }

    /// <summary>Every job released and not done after step <paramref name="step"/>, and the service's own jobs once
    /// done, oldest release first.</summary>
    public List<JobPlan> Current(int step)
    {
        var obs = run.Observation;
        var now = run.Scenario.Grid.TimeAt(step + 1);
        var planned = new Dictionary<int, Planning.PlannedStart>();
        if (step >= 0 && run.Policy is IPlanPublisher publisher)
            foreach (var s in publisher.LatestPlan)
                if (!planned.TryGetValue(s.Job, out var was) || s.Step < was.Step) planned[s.Job] = s;
        var list = new List<JobPlan>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        if (step >= 0)
            foreach (var j in obs.Pending.Concat(obs.Running).Distinct().Order())
            {
                var job = obs.Job(j);
                shown.Add(job.Id);
                list.Add(planned.TryGetValue(j, out var p) && obs.Status(j) is JobStatus.Pending or JobStatus.Paused
                    ? Waiting(j, job, obs.Status(j), now, p)
                    : Of(j, job.Id, now));
            }
        foreach (var id in _api)
            if (!shown.Contains(id) && run.Job(id) is { Status: JobStatus.Done or JobStatus.Cancelled }) list.Add(Of(-1, id, now));
        return list;
    }

    /// <summary>A waiting job the policy's plan places: where, when and why.</summary>
    private JobPlan Waiting(int j, Workloads.Job job, JobStatus status, DateTimeOffset now, Planning.PlannedStart p)
    {
        var site = run.Scenario.Sites[p.Site];
        var at = run.Scenario.Grid.TimeAt(p.Step);
        var r = p.Reason;
        var why = $"planned to start {at:yyyy-MM-dd HH:mm}Z at {site.Id}/{site.Pools[p.Pool].Id}, power level {p.Level}{Expected(r)}";
        var hours = run.Observation.HoursLeft(j) / site.Pools[p.Pool].Curve.Levels[p.Level].Throughput;
        return new JobPlan(job.Id, job.Tenant, Name(status), job.Gpus, site.Id, site.Pools[p.Pool].Id, p.Level, job.EarliestStart, job.Deadline,
            at, _firstStart.TryGetValue(job.Id, out var first) ? first : null, null, at + TimeSpan.FromHours(hours), Hours(now - job.EarliestStart),
            r?.ExpectedEmissionsKg, r?.ExpectedCost, r?.DeadlineSlack?.TotalHours, why);
    }

    /// <summary>A job as the fleet has it: running (with the reason it was started), waiting outside any plan, or done.</summary>
    private JobPlan Of(int j, string id, DateTimeOffset now)
    {
        var state = run.Job(id)!.Value;
        var job = run.JobById(id)!;
        _lastStart.TryGetValue(id, out var start);
        var started = _firstStart.TryGetValue(id, out var first) ? first : (DateTimeOffset?)null;
        var finished = run.FinishedAt(id);
        var r = start?.Reason;
        var why = state.Status switch
        {
            JobStatus.Done => $"finished {finished:yyyy-MM-dd HH:mm}Z{(finished > job.Deadline ? ", after its deadline" : "")}",
            JobStatus.Running => $"started {start!.At:yyyy-MM-dd HH:mm}Z at {start.SiteId}/{start.PoolId}, power level {start.Level}{Expected(r)}",
            JobStatus.Paused => "paused: waiting for cleaner or cheaper power, or for room",
            JobStatus.Cancelled => $"cancelled by its owner{(started is null ? " before it started" : " after it had run")}",
            _ => "waiting: the current plan has no start for it yet (no room, or better hours are beyond the planning horizon)",
        };
        DateTimeOffset? end = state.Status == JobStatus.Done ? finished
            : state.Status == JobStatus.Running && j >= 0 && run.Scenario.SiteIndex(state.Site!) is var si and >= 0
                ? now + TimeSpan.FromHours(run.Observation.HoursLeft(j) * run.Observation.Job(j).Gpus / run.Observation.GpusOf(j)
                    / run.Scenario.Sites[si].Pools[run.Observation.PoolOf(j)].Curve.Levels[state.Level].Throughput)
                : null;
        var delay = state.Status == JobStatus.Done && finished is { } f ? f - job.EarliestStart - job.FullPowerRuntime
            : (started ?? run.WithdrawnAt(id) ?? now) - job.EarliestStart;
        return new JobPlan(id, job.Tenant, Name(state.Status), job.Gpus, state.Site, state.Pool, state.Site is null ? null : state.Level,
            job.EarliestStart, job.Deadline, null, started, finished, end, Hours(delay), r?.ExpectedEmissionsKg, r?.ExpectedCost, r?.DeadlineSlack?.TotalHours, why);
    }

    private static double Hours(TimeSpan t) => Math.Max(0, Math.Round(t.TotalHours, 3));

    private static string Name(JobStatus s) => s.ToString().ToLowerInvariant();

    private static string Expected(CommandReason? r)
    {
        if (r is null) return " (the policy gave no estimate)";
        var parts = new List<string>();
        if (r.ExpectedEmissionsKg is { } kg) parts.Add(string.Create(CultureInfo.InvariantCulture, $"expected {kg:0.#} kg CO2e"));
        if (r.ExpectedCost is { } c) parts.Add(string.Create(CultureInfo.InvariantCulture, $"cost {c:0.##}"));
        if (r.DeadlineSlack is { } s) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{s.TotalHours:0.#} h to spare before the deadline"));
        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
    }
}
