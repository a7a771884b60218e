using Tandem.Scheduling.Greedy;
using Tandem.Scheduling.Optimal;
using Tandem.Scheduling;
using Tandem.Planning;
using Tandem.Forecasting;
using Tandem.Actuation;

namespace Tandem.Scheduling.Mpc;

/// <summary>`mpc`: the online policy an operator would run. Every step it re-plans, over a receding horizon, the jobs
/// released so far and not yet started, with what is running committed, using only what is known at that moment:
/// the current step's signals and forecasts beyond it (from its <see cref="IForecaster"/>: for `mpc` the model that
/// backtests best on each signal's recent history, <see cref="BacktestedForecaster"/>), and carries out the first step
/// of the plan. It never sees jobs before they are
/// released nor signals after now: it receives an observation, a signal view that ends now, and the clock. Because it cannot see work that has not arrived, it plans
/// as if each deadline came <see cref="SlackReserve"/> of the slack early, and a job that must start soon to meet its
/// deadline (or the end of the period, where work left undone costs more than a miss) starts first, at full power
/// wherever it fits: soon is within urgency_margin of the hours it needs, or one step. Options (<see cref="MpcOptions"/>): keep free at each site as many
/// GPUs as urgent jobs that may run only there asked for in any one step of the last day (urgent_reserve), and make a
/// move between sites clear the forecast's band (move_band, <see cref="ForecastBand"/>).</summary>
public sealed class MpcPolicy : IPlanningPolicy, IPlanPublisher
{
    private readonly Objective objective;
    private readonly IForecaster forecaster;
    private readonly TimeSpan horizon;
    private readonly bool everyLevel;
    private readonly bool urgentReserve;
    private readonly bool moveBand;
    private readonly double urgencyMargin;
    private readonly TimeSpan greedyBudget;
    private readonly OptimalOptions? optimal;

    /// <summary>mpc on <paramref name="forecaster"/>'s forecasts; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public MpcPolicy(Objective objective, IForecaster forecaster, MpcOptions? options = null)
    {
        options ??= new MpcOptions();
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        this.objective = objective;
        this.forecaster = forecaster;
        horizon = options.Horizon;
        everyLevel = options.EveryPowerLevel;
        urgentReserve = options.UrgentReserve;
        moveBand = options.MoveBand;
        SlackReserve = options.SlackReserve;
        urgencyMargin = options.UrgencyMargin;
        greedyBudget = TimeSpan.FromSeconds(options.GreedySeconds);
        optimal = options.Planner == "greedy" ? null
            : new OptimalOptions(MaxExactOptions: options.Planner == "lp" ? 0 : OptimalOptions.Default.MaxExactOptions, TimeLimit: TimeSpan.FromSeconds(options.PlannerSeconds), AllPowerLevels: everyLevel);
    }

    private double[][] _urgentHistory = [];
    private bool _timeShift = true;
    private ForecastBand _band = null!;

    /// <inheritdoc />
    public string Name { get; init; } = "mpc";
    /// <summary>Share of each job's slack kept in hand for work that has not arrived yet.</summary>
    public double SlackReserve { get; }
    /// <summary>Total wall time spent planning, seconds.</summary>
    public double PlanningSeconds { get; private set; }
    /// <inheritdoc />
    public string Method => $"{(optimal is null ? "greedy" : optimal.MaxExactOptions == 0 ? "LP + repair" : "exact MILP (LP + repair when large)")} re-plan every step on {forecaster.Name} forecasts{(everyLevel ? "" : ", 3 power levels")}";
    /// <inheritdoc />
    public double? LowerBound => null;
    /// <inheritdoc />
    public IReadOnlyList<Planning.PlannedStart> LatestPlan { get; private set; } = [];

    /// <inheritdoc />
    public void Prepare(PolicySetup setup)
    {
        PlanningSeconds = 0;
        _band = new ForecastBand(objective);
        _timeShift = setup.Levers.HasFlag(Scenarios.Levers.Time);
        _urgentHistory = setup.Fleet.Sites.Select(_ => new double[setup.Period.Count]).ToArray();
    }

    /// <inheritdoc />
    public void Decide(DecisionContext ctx)
    {
        Placement.ServeCleanest(ctx, objective);
        var state = ctx.Fleet;
        Observe(state);
        var hasWork = false;
        foreach (var j in state.Pending) if (state.Status(j) is JobStatus.Pending or JobStatus.Paused) { hasWork = true; break; }
        LatestPlan = [];
        if (!hasWork) return;
        var steps = Math.Min(state.Period.Count - state.Step, Math.Max(1, (int)(horizon / state.Period.Step)));
        var window = PlanningWindow.Forecast(state, ctx.Signals, steps, forecaster);
        var problem = PlanningProblem.FromState(state, objective, window, SlackReserve, firmPower: true, everyLevel, _timeShift);
        // Online demand of this step is already served; the plan reserves room for the forecast demand after it.
        for (var r = 0; r < window.InferenceGpus.Length; r++) window.InferenceGpus[r][0] = 0;
        for (var s = 0; s < state.Sites.Count; s++)
        {
            var reserve = urgentReserve ? Reserve(state, s) : 0;
            for (var p = 0; p < state.Sites[s].Pools.Count; p++)
            {
                problem.FreeGpus[s][p][0] = Math.Min(problem.FreeGpus[s][p][0], state.FreeCapacity(s, p));
                if (p == 0) for (var t = 0; t < steps; t++) problem.FreeGpus[s][p][t] -= reserve;
            }
        }
        if (moveBand) problem.MoveBandPerKwh = _band.At(state, ctx.Signals);
        var plan = optimal is null ? GreedyPlanner.Solve(problem, budget: greedyBudget) : OptimalPlanner.Solve(problem, optimal);
        PlanningSeconds += plan.SolveSeconds;
        LatestPlan = plan.Starts;
        var now = plan.Starts.Where(s => s.Step == state.Step).ToList();
        var planned = now.ToDictionary(s => s.Job);
        // Jobs that must start now to meet their deadline go first: where the plan puts them, else at full power
        // wherever they fit (using the reserve); one that fits nowhere gets room from at least as tolerant work that
        // can wait. Then the rest of the plan.
        foreach (var j in state.Pending.ToArray())
        {
            if (state.Status(j) is not (JobStatus.Pending or JobStatus.Paused)) continue;
            if (!IsUrgent(state, j, urgencyMargin)) continue;
            var started = planned.TryGetValue(j, out var at) && TryStart(ctx, j, at.Site, at.Pool, at.Level, at.Reason, at.Gpus);
            foreach (var s in started ? [] : state.AllowedSites(j))
            {
                var p = Placement.FindPool(state, j, s, int.MaxValue);
                if (p >= 0 && TryStart(ctx, j, s, p, state.Sites[s].Pools[p].Curve.FullPowerLevel, null)) { started = true; break; }
            }
            if (!started) Preemption.TryMakeRoom(ctx, j);
        }
        foreach (var start in now) TryStart(ctx, start.Job, start.Site, start.Pool, start.Level, start.Reason, start.Gpus);
    }

    /// <summary>Whether job <paramref name="j"/> must start now: its latest on-time start at full power (the deadline,
    /// or the end of the period if sooner, since work left there costs more than a miss, less the hours it needs) is
    /// within <paramref name="margin"/> of those hours, or one step, from now.</summary>
    internal static bool IsUrgent(FleetObservation state, int j, double margin)
    {
        var job = state.Job(j);
        var due = job.Deadline < state.Period.End ? job.Deadline : state.Period.End;
        var hours = state.HoursLeft(j);
        return due - TimeSpan.FromHours(hours) <= state.Now + TimeSpan.FromHours(Math.Max(state.Period.StepHours, margin * hours));
    }

    private static bool TryStart(DecisionContext ctx, int job, int site, int pool, int level, CommandReason? reason, int? size = null)
    {
        var state = ctx.Fleet;
        var gpus = size ?? state.Job(job).Gpus;
        if (state.Status(job) is not (JobStatus.Pending or JobStatus.Paused) || state.Now < state.EarliestStartAt(job, site)) return false;
        if (state.FreeCapacity(site, pool) < gpus - 1e-9) return false;
        if (state.AddedFirmPower(site, pool, gpus, level) > state.FirmHeadroom(site)) return false;
        ctx.Start(job, site, pool, level, reason, gpus);
        return true;
    }

    /// <summary>Records the GPUs of jobs released now that are urgent and may run at only one site.</summary>
    private void Observe(FleetObservation state)
    {
        // A site an operator registered while the run goes on has no history yet.
        while (_urgentHistory.Length < state.Sites.Count) _urgentHistory = [.. _urgentHistory, new double[state.Period.Count]];
        foreach (var j in state.ReleasedNow)
        {
            if (state.Status(j) != JobStatus.Pending) continue; // withdrawn as it arrived
            var job = state.Job(j);
            if (job.AllowedSites.Count != 1) continue;
            if (job.Deadline - job.FullPowerRuntime > state.Now + 2 * state.Period.Step) continue;
            _urgentHistory[state.AllowedSites(j)[0]][state.Step] += job.Gpus;
        }
    }

    private double Reserve(FleetObservation state, int site)
    {
        var day = Math.Max(1, (int)(TimeSpan.FromDays(1) / state.Period.Step));
        var max = 0.0;
        for (var t = Math.Max(0, state.Step - day + 1); t <= state.Step; t++) max = Math.Max(max, _urgentHistory[site][t]);
        return max;
    }
}
