using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Fleet;
using Tandem.Server.Fleet;
using Tandem.Server.Operations;
using Tandem.Signals;
using Tandem.Storage;
using Tandem.Storage.Jobs;
using Tandem.Storage.Live;
using Tandem.Storage.Signals;
using Tandem.Time;

namespace Tandem.Server.Live;

/// <summary>The coordinator running live: it holds the fleet (the simulated one, behind the actuator seam), the queue
/// and the current plan, and advances step by step as the clock comes. Each step it releases that step's signals to the
/// store, admits the jobs queued over the API, has the policy decide on what it may see (the past and its forecasts),
/// and records the step's commands and job states in one transaction; a restart replays the recorded commands to where
/// the fleet was, so nothing is lost or done twice. Readers get an immutable <see cref="LiveView"/>.</summary>
public sealed class LiveCoordinator
{
    private readonly Lock _gate = new();
    private readonly Func<IPolicy> _policyFactory;
    private readonly Scenario _origin;
    private SteppedRun _run;
    private readonly ISignalStore _store;
    private readonly Lock _storeGate;
    private readonly LiveStore _live;
    private readonly JobStore _jobs;
    private readonly ServiceMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private JobPlans _plans;
    private readonly List<StoredJob> _claimedAhead = [];
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);
    private double[] _siteEmissionsKg;
    private double _cost;
    private bool _started;
    private long _actions;
    private double _planningSeconds;
    private Baseline? _baseline;
    private volatile LiveView? _view;

    /// <summary>A coordinator for <paramref name="scenario"/> under a fresh policy from <paramref name="policy"/> (an
    /// online one: a perfect-foresight yardstick is refused with <see cref="ArgumentException"/>).</summary>
    public LiveCoordinator(Scenario scenario, string runKey, Func<IPolicy> policy, ISignalStore store, Lock storeGate, LiveStore live, JobStore jobs,
        ServiceMetrics metrics, TimeProvider clock, ILogger log)
    {
        _policyFactory = policy;
        _origin = scenario;
        _run = new SteppedRun(scenario, policy(), clock, allowForesight: false);
        _store = store;
        _storeGate = storeGate;
        _live = live;
        _jobs = jobs;
        _metrics = metrics;
        _clock = clock;
        _log = log;
        _plans = new JobPlans(_run);
        _siteEmissionsKg = new double[scenario.Sites.Count];
        Run = runKey;
        metrics.Live = () => _view;
    }

    /// <summary>The run's key in the store.</summary>
    public string Run { get; }

    /// <summary>A run's key: the scenario's name, the policy's, and a digest of the scenario file and the policy's
    /// options, so replaying the same file under the same policy resumes it, and a changed file or option starts a new run
    /// instead of replaying records into a different fleet.</summary>
    public static string RunKey(Scenario scenario, IPolicy policy, string scenarioPath, IReadOnlyDictionary<string, string> options)
    {
        var text = File.ReadAllText(scenarioPath) + "\n" + string.Join("\n", options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
        var digest = Digest.Sha256Hex(text)[..12];
        return $"{scenario.Name}/{policy.Name}/{digest}";
    }
    /// <summary>The world played: the scenario, with the fleet as operators' edits have left it.</summary>
    public Scenario Scenario => _run.Scenario;
    /// <summary>The latest view; null before the first step has run or been restored.</summary>
    public LiveView? View => _view;
    /// <summary>Whether every step of the period has run.</summary>
    public bool Finished => _run.Finished;
    /// <summary>When the next step starts.</summary>
    public DateTimeOffset NextStepAt => Scenario.Grid.TimeAt(_run.NextStep);
    /// <summary>Why the loop stopped, if a step failed (the store unreachable, a policy's illegal command): the service
    /// keeps answering, reports itself not ready, and a restart resumes from what the store recorded.</summary>
    public string? Fault { get; private set; }

    /// <summary>Whether a restart re-decided every recorded step exactly as recorded (so the policy's own state is as it
    /// was); false when it fell back to replaying the recorded commands; null before any resume.</summary>
    public bool? ResumedExactly { get; private set; }

    /// <summary>The validated run, once every step has run.</summary>
    public Simulation.RunResult? Result { get; private set; }

    /// <summary>Each site's power per step so far (facility, grid, on-site), with the steps' start times.</summary>
    public PowerHistory History()
    {
        // The steps of the published view: a step under way has no traces yet.
        var steps = (_view?.Step ?? -1) + 1;
        var grid = Scenario.Grid;
        var times = Enumerable.Range(0, steps).Select(grid.TimeAt).ToArray();
        return new PowerHistory(times, _run.Traces.Select(t => new SitePower(t.SiteId, t.FacilityKw[..steps], t.GridKw[..steps], t.OnsiteKw[..steps])).ToArray());
    }

    /// <summary>Runs every step that has started by <paramref name="now"/> (restoring from the store first, once).
    /// Cancellation is checked between steps, so a step under way always completes and is recorded. Returns the number
    /// of steps run.</summary>
    public int Advance(DateTimeOffset now, CancellationToken cancellationToken = default) => Guarded(() => AdvanceLocked(now, cancellationToken));

    /// <summary>Restores the run from the store if that has not happened yet (<see cref="Advance"/> does it too); a
    /// driver calls it first so its clock can start where the run stopped once the restore is done.</summary>
    public void Start() => Guarded(() =>
    {
        if (!_started) Restore();
        return 0;
    });

    /// <summary>Runs <paramref name="body"/> under the loop's lock; a failure stops the loop for good (<see cref="Fault"/>).</summary>
    private int Guarded(Func<int> body)
    {
        lock (_gate)
        {
            if (Fault is not null) throw new InvalidOperationException($"the live loop has stopped: {Fault}");
            try
            {
                return body();
            }
            catch (Exception e)
            {
                Fault = $"{e.GetType().Name}: {e.Message}";
                throw;
            }
        }
    }

    private int AdvanceLocked(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_started) Restore();
        var ran = 0;
        while (!_run.Finished && Scenario.Grid.TimeAt(_run.NextStep) <= now && !cancellationToken.IsCancellationRequested)
        {
            StepOnce();
            ran++;
        }
        if (_run.Finished && Result is null)
        {
            Result = _run.Finish();
            _view = _view is null ? null : _view with { Finished = true };
            _log.LogWarning("Replay {Run} finished: {Violations} validator findings", Run, Result.Violations.Count);
        }
        return ran;
    }

    /// <summary>Loads the signal history before the period into the store and, if the store holds this run's earlier
    /// steps, replays their recorded commands so the fleet is where it was.</summary>
    private void Restore()
    {
        _started = true;
        var grid = Scenario.Grid;
        var first = Scenario.Signals.Catalog().Select(c => c.From).DefaultIfEmpty(grid.Start).Min();
        if (first < grid.Start) Release(new Interval(first, grid.Start));
        var progress = _live.Progress(Run);
        _baseline = Baseline.Start(Scenario);
        var admitted = _live.Jobs(Run);
        var edits = _live.FleetEdits(Run).ToLookup(e => e.Step);
        if (progress is null || progress.NextStep == 0)
        {
            _claimedAhead.AddRange(admitted.Select(j => _jobs.Get(j.JobId)).OfType<StoredJob>());
            Edit(edits[0]);
            return;
        }
        var actions = _live.Actions(Run).ToLookup(a => a.Step);
        _actions = actions.Sum(g => g.LongCount());
        // The policy decides the recorded steps again, so its own state (what it has observed) is as it was; where its
        // decisions differ from the record (a changed build), the fleet is rebuilt from the recorded commands alone.
        var diverged = Replay(progress.NextStep, admitted, actions, edits, withPolicy: true);
        ResumedExactly = diverged < 0;
        if (diverged >= 0)
        {
            _log.LogWarning("Resuming {Run}: the policy decided step {Step} differently from the record; the fleet is rebuilt from the recorded commands and the policy starts afresh", Run, diverged);
            _run = new SteppedRun(_origin, _policyFactory(), _clock, allowForesight: false);
            _plans = new JobPlans(_run);
            _siteEmissionsKg = new double[_origin.Sites.Count];
            _cost = 0;
            Replay(progress.NextStep, admitted, actions, edits, withPolicy: false);
        }
        // Edits made after the last recorded step hold from the step to come.
        Edit(edits[progress.NextStep]);
        foreach (var j in admitted)
        {
            if (j.AdmittedStep >= progress.NextStep) { if (_jobs.Get(j.JobId) is { } job) _claimedAhead.Add(job); }
            else _written[j.JobId] = j.DetailJson;
        }
        _view = BuildView();
        _log.LogWarning("Resumed {Run} at step {Step} of {Steps} ({Actions} commands replayed)", Run, progress.NextStep, grid.Count, _actions);
    }

    /// <summary>Runs the recorded steps before <paramref name="next"/> again, admitting each job at its recorded step:
    /// with the policy deciding (returns the first step whose commands differ from the record, or -1), or with the
    /// recorded commands (returns -1).</summary>
    private int Replay(int next, IReadOnlyList<LiveJob> admitted, ILookup<int, LiveAction> actions, ILookup<int, LiveFleetEdit> edits, bool withPolicy)
    {
        for (var step = 0; step < next && !_run.Finished; step++)
        {
            Edit(edits[step]);
            foreach (var j in admitted.Where(a => a.AdmittedStep == step)) Admit(_jobs.Get(j.JobId));
            var recorded = actions[step].Select(a => a.CommandJson).ToList();
            IReadOnlyList<Command> commands;
            if (withPolicy)
            {
                commands = _run.RunStep(recorded.Select(CommandJson.Read).OfType<CancelJob>().ToList());
                if (!commands.Select(c => CommandJson.Of(c).Write()).SequenceEqual(recorded)) return step;
            }
            else
            {
                commands = recorded.Select(CommandJson.Read).ToList();
                _run.RunStepWith(commands);
            }
            _plans.Record(commands);
            Book(step);
        }
        return -1;
    }

    private void StepOnce()
    {
        var step = _run.NextStep;
        var grid = Scenario.Grid;
        Release(new Interval(grid.TimeAt(step), grid.TimeAt(step + 1)));
        foreach (var job in _claimedAhead) Admit(job);
        _claimedAhead.Clear();
        foreach (var job in _live.Claim(Run, step)) Admit(job);
        // Withdrawals asked for since the last step, carried out before the policy decides; one already done is left.
        var cancels = _live.CancelRequests(Run).Where(id => _run.Job(id) is { Status: not (JobStatus.Done or JobStatus.Cancelled) })
            .Select(id => (Command)new CancelJob(grid.TimeAt(step), id)).ToList();
        var clock = Stopwatch.StartNew();
        var commands = _run.RunStep(cancels);
        var seconds = clock.Elapsed.TotalSeconds;
        _planningSeconds = seconds;
        _metrics.PlanningTime.Record(seconds);
        _plans.Record(commands);
        Book(step, live: true);
        var view = BuildView();
        var changed = new List<(string, string, string)>();
        foreach (var job in view.Jobs.Concat(_plans.Refused))
        {
            if (!_plans.FromApi(job.Id)) continue;
            var json = System.Text.Json.JsonSerializer.Serialize(job);
            if (_written.TryGetValue(job.Id, out var was) && was == json) continue;
            changed.Add((job.Id, job.Status, json));
            _written[job.Id] = json;
        }
        _live.RecordStep(Run, _run.Policy.Name, step, commands.Select(c => CommandJson.Of(c).Write()).ToList(), changed, _clock.GetUtcNow());
        _actions += commands.Count;
        _view = view with { Actions = _actions };
    }

    /// <summary>Puts recorded fleet edits in force again, in the order they were made; the fleet is where it was when
    /// they were made, so each is taken as it was then.</summary>
    private void Edit(IEnumerable<LiveFleetEdit> edits)
    {
        foreach (var e in edits)
        {
            try
            {
                _run.ChangeFleet(FleetJson.Read(e.Kind, e.Site, e.BodyJson, Scenario.Fleet));
            }
            catch (Exception x)
            {
                throw new InvalidOperationException($"fleet edit {e.Seq} ({e.Kind} at {e.Site}), recorded to hold from step {e.Step}, could not be made again: {x.Message}", x);
            }
            GrowSites();
        }
    }

    private void GrowSites()
    {
        if (_siteEmissionsKg.Length < Scenario.Sites.Count) Array.Resize(ref _siteEmissionsKg, Scenario.Sites.Count);
    }

    /// <summary>An operator's fleet edit, in force from the next step: checked against the fleet as it is now, recorded,
    /// then made, all under the loop's lock so no step runs in between. Throws <see cref="FleetEditException"/> (nothing
    /// recorded or changed) when the fleet cannot take it, <see cref="InvalidOperationException"/> when the loop has
    /// stopped, is starting or has finished, and a store error when it could not be recorded (nothing changed).</summary>
    public (long Seq, int Step, DateTimeOffset Made) ChangeFleet(string kind, string site, string bodyJson)
    {
        lock (_gate)
        {
            if (Fault is not null) throw new InvalidOperationException($"the live loop has stopped: {Fault}");
            if (!_started) throw new InvalidOperationException("the live loop is starting; retry in a moment");
            var change = _run.CheckFleetEdit(FleetJson.Read(kind, site, bodyJson, Scenario.Fleet));
            // Kept in whole seconds, as the store keeps it.
            var made = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().ToUnixTimeSeconds());
            var seq = _live.RecordFleetEdit(Run, change.Step, kind, site, bodyJson, made);
            try
            {
                _run.ChangeFleet(change);
                GrowSites();
            }
            catch (Exception e)
            {
                // Recorded but not made: the run and its record disagree, so the loop stops; a restart makes the edit
                // from the record, or says which edit it cannot make.
                Fault = $"fleet edit {seq} was recorded but not made: {e.GetType().Name}: {e.Message}";
                throw new FleetEditNotMadeException(seq, Fault, e);
            }
            if (_view is not null) _view = BuildView() with { Actions = _actions };
            _log.LogInformation("Fleet edit {Seq} ({Kind} at {Site}) holds from step {Step}", seq, kind, site, change.Step);
            return (seq, change.Step, made);
        }
    }

    /// <summary>Adds a step's grid emissions and cost per site to the running totals (and, for a step run live rather
    /// than restored, to the emissions metric).</summary>
    private void Book(int step, bool live = false)
    {
        for (var s = 0; s < _siteEmissionsKg.Length; s++)
        {
            var (kg, cost) = GridBill.Step(Scenario, _run.Traces, s, step);
            _siteEmissionsKg[s] += kg;
            _cost += cost;
            if (live) _metrics.SiteEmissions.Add(kg, new KeyValuePair<string, object?>("site", Scenario.Sites[s].Id));
        }
    }

    private void Admit(StoredJob? stored)
    {
        if (stored is null) return;
        try
        {
            _run.Admit(LiveJobs.ToJob(stored));
            _plans.AdmittedFromApi(stored);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            _plans.Refuse(stored, e.Message);
            _log.LogWarning("Job {Job} could not join the fleet: {Reason}", stored.Id, e.Message);
        }
    }

    /// <summary>Copies the scenario's signals over <paramref name="range"/> into the store, as if they arrived now.</summary>
    private void Release(Interval range)
    {
        var series = new List<SignalSeries>();
        foreach (var entry in Scenario.Signals.Catalog())
            if (Scenario.Signals.Read(entry.Zone, entry.Kind, range) is { } s) series.Add(s);
        if (series.Count == 0) return;
        try
        {
            lock (_storeGate) _store.Import(series);
        }
        catch (StoreException e)
        {
            _log.LogWarning("Signals for {From:O} not stored: {Reason}", range.Start, e.Message);
        }
    }

    private LiveView BuildView()
    {
        var step = _run.NextStep - 1;
        var grid = Scenario.Grid;
        var sites = Scenario.Sites.Select((site, s) =>
        {
            var t = _run.Traces[s];
            var at = Math.Max(0, step);
            var facility = step < 0 ? 0 : t.FacilityKw[at];
            var green = facility <= 0 ? 0 : Math.Clamp((t.OnsiteKw[at] + Math.Max(0, t.BatteryKw[at]) + t.GridKw[at] * Scenario.Signals.CarbonFree(s, at).Value) / facility, 0, 1);
            return new SiteNow(site.Id, site.GridZone, facility, step < 0 ? 0 : t.GridKw[at], step < 0 ? 0 : t.OnsiteKw[at], step < 0 ? 0 : t.BatteryKw[at],
                Scenario.Signals.Carbon(s, at).GramsPerKilowattHour, Scenario.Signals.Price(s, at).PerMegawattHour, green,
                step < 0 ? 0 : t.BusyGpus[at], site.TotalGpus, _siteEmissionsKg[s]);
        }).ToList();
        var jobs = _plans.Current(step);
        var totals = _run.TotalsSoFar();
        var now = grid.TimeAt(step + 1);
        var late = _run.Log.Finished.Count(j => _run.Log.FinishedAt(j) > _run.Jobs[j].Deadline)
                   + jobs.Count(j => j.FinishedAt is null && j.Status != "cancelled" && j.Deadline < now);
        var baseline = _baseline?.SoFar(step);
        var live = new LiveTotals(sites.Sum(s => s.EmissionsKg), _cost, totals.Energy.KilowattHours, totals.GreenShare.Value, totals.JobsCompleted, late,
            jobs.Where(j => j.Status == "pending" && j.PlannedStart is not null).Sum(j => j.ExpectedEmissionsKg ?? 0),
            jobs.Where(j => j.Status == "pending" && j.PlannedStart is not null).Sum(j => j.ExpectedCost ?? 0),
            baseline?.EmissionsKg, baseline?.Cost);
        var method = _run.Policy is IPlanningPolicy p ? p.Method : _run.Policy.Name;
        return new LiveView(Run, _run.Policy.Name, method, now, step, grid.Count, grid.Step.TotalMinutes, _run.Finished, Scenario.Currency.Code, sites, jobs, live, _planningSeconds, _actions);
    }
}

/// <summary>A fleet edit that was recorded but could not be made: the live loop has stopped (<see
/// cref="LiveCoordinator.Fault"/>), and a restart makes the edit from the record.</summary>
public sealed class FleetEditNotMadeException(long seq, string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The edit's sequence number.</summary>
    public long Seq { get; } = seq;
}
