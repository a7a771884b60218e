using Tandem.Fleet;
using Tandem.Scenarios;
using Tandem.Actuation;

namespace Tandem.Planning;

/// <summary>Everything a planner needs for one window: the signals it sees, the objective's weight of a grid kWh in
/// each site and step, the capacity and power left after work already running, and the jobs to place with their
/// candidate power levels. Shared by the greedy, MPC and optimal planners so they solve the same problem.</summary>
public sealed class PlanningProblem
{
    private PlanningProblem(PlanningScope scenario, Objective objective, PlanningWindow window, int[] jobs, bool everyLevel = true)
    {
        Scenario = scenario;
        Objective = objective;
        Window = window;
        Jobs = jobs;
        var sites = scenario.Sites;
        var steps = window.Steps;
        Weight = sites.Select((_, s) => Enumerable.Range(0, steps)
            .Select(t => objective.PerGridKwh(window.GramsPerKwh[s][t], window.PricePerMwh[s][t], window.CarbonFree[s][t])).ToArray()).ToArray();
        FreeGpus = sites.Select(site => site.Pools.Select(p => Enumerable.Repeat((double)p.Count, steps).ToArray()).ToArray()).ToArray();
        CommittedKw = sites.Select(_ => new double[steps]).ToArray();
        IdleKw = sites.Select(s => s.IdleItPower.Kilowatts).ToArray();
        _siteIndex = sites.Select((site, i) => (site.Id, i)).ToDictionary(x => x.Id, x => x.i);
        // Each planned job's home site, looked up once: the planners ask for it in their innermost loops.
        _home = new int[jobs.Length == 0 ? 0 : jobs.Max() + 1];
        foreach (var j in jobs) _home[j] = _siteIndex[scenario.Jobs[j].AllowedSites[0]];
        _transferKwh = sites.Select((_, a) => sites.Select((_, b) => scenario.Transfer(a, b).Energy.KilowattHours).ToArray()).ToArray();
        _transferTime = sites.Select((_, a) => sites.Select((_, b) => scenario.Transfer(a, b).Duration).ToArray()).ToArray();
        AllLevels = everyLevel && (long)jobs.Length * sites.Count <= MaxJobSitePairsForAllLevels;
        Levels = sites.Select(s => s.Pools.Select(p => AllLevels ? EveryLevel(p.Curve) : ThreeLevels(p.Curve)).ToArray()).ToArray();
    }

    /// <summary>Up to this many (job, site) pairs the heuristics try every power level of each curve; above it, three
    /// (full power, the most energy-efficient level and one between), so that a 100,000-job fleet plans in seconds.
    /// A plan made over three levels says so (<see cref="ModelReductions.PowerLevelSubset"/>).</summary>
    public const long MaxJobSitePairsForAllLevels = 500_000;

    /// <summary>Whether <see cref="Levels"/> holds every level of every curve.</summary>
    public bool AllLevels { get; }

    private readonly Dictionary<string, int> _siteIndex;
    private readonly int[] _home;
    private int Home(int j) => _home[j];
    private readonly double[][] _transferKwh;
    private readonly TimeSpan[][] _transferTime;

    /// <summary>Index of a site by id.</summary>
    public int SiteIndex(string id) => _siteIndex[id];

    /// <summary>The scenario.</summary>
    public PlanningScope Scenario { get; }
    /// <summary>What is minimised.</summary>
    public Objective Objective { get; }
    /// <summary>The signals over the window.</summary>
    public PlanningWindow Window { get; }
    /// <summary>Job indices to place.</summary>
    public int[] Jobs { get; }
    /// <summary>Objective weight of one grid kWh: [site][step − Offset].</summary>
    public double[][] Weight { get; }
    /// <summary>GPUs free for new work: [site][pool][step − Offset].</summary>
    public double[][][] FreeGpus { get; }
    /// <summary>IT power above idle of work already running: [site][step − Offset], kW.</summary>
    public double[][] CommittedKw { get; }
    /// <summary>IT power of a site with every GPU idle, kW.</summary>
    public double[] IdleKw { get; }
    /// <summary>Power levels a planner may choose in each pool: full power, the most energy-efficient level and one
    /// between them.</summary>
    public int[][][] Levels { get; }
    /// <summary>Step length in hours.</summary>
    public double StepHours => Scenario.Grid.StepHours;
    /// <summary>Steps in the window.</summary>
    public int Steps => Window.Steps;
    /// <summary>First absolute step.</summary>
    public int Offset => Window.Offset;

    /// <summary>The whole period with perfect foresight, nothing running yet: the offline yardstick.</summary>
    public static PlanningProblem Offline(Scenario scenario, Objective objective) =>
        new(new PlanningScope(scenario.Fleet, scenario.Grid, j => scenario.Jobs[j], scenario.Inference), objective,
            PlanningWindow.Actual(scenario, 0, scenario.Grid.Count), Enumerable.Range(0, scenario.Jobs.Count).ToArray())
        { TimeShift = scenario.Levers.HasFlag(Levers.Time) };

    /// <summary>A window starting now: what is running is committed, the jobs released and not started (or paused) are placed.</summary>
    public static PlanningProblem FromState(FleetObservation state, Objective objective, PlanningWindow window, double slackReserve = 0, bool firmPower = false,
        bool everyLevel = true, bool timeShift = true)
    {
        var jobs = state.Pending.Where(j => state.Status(j) is JobStatus.Pending or JobStatus.Paused).ToArray();
        var scope = new PlanningScope(state.Fleet, state.Period, state.Job, state.Regions);
        var p = new PlanningProblem(scope, objective, window, jobs, everyLevel) { SlackReserve = slackReserve, FirmPower = firmPower, TimeShift = timeShift };
        foreach (var j in jobs.Where(j => state.Status(j) == JobStatus.Paused))
        {
            (p._workLeft ??= [])[j] = state.RemainingWork(j);
            (p._overheadHours ??= [])[j] = state.Job(j).CheckpointOverhead.TotalHours;
        }
        var h = state.Period.StepHours;
        foreach (var j in state.Running)
        {
            var site = state.SiteOf(j);
            var pool = state.Sites[site].Pools[state.PoolOf(j)];
            var job = state.Job(j);
            var gpus = state.GpusOf(j);
            var hours = state.RemainingWork(j) / (job.Rate(gpus) * pool.Curve.Levels[state.LevelOf(j)].Throughput);
            var steps = Math.Min(window.Steps, (int)Math.Ceiling(hours / h - 1e-9) + 1);
            var kw = gpus * pool.AddedPowerPerGpu(state.LevelOf(j)).Kilowatts;
            for (var t = 0; t < steps; t++)
            {
                p.FreeGpus[site][state.PoolOf(j)][t] -= gpus;
                p.CommittedKw[site][t] += kw;
            }
        }
        return p;
    }

    /// <summary>Facility power the site may add in a step without passing its grid limit, counting on-site output
    /// (not the battery) and what is committed: (limit + generation) − PUE × (idle + committed).</summary>
    public double PowerRoomKw(int site, int t) =>
        SiteEnergy.RoomKw(Scenario.Sites[site], Window.Pue[site][t] * (IdleKw[site] + CommittedKw[site][t]), FirmPower ? 0 : Window.GenKw[site][t]);

    /// <summary>When set, power room counts no on-site output: an online planner cannot be sure the sun will still
    /// shine in an hour, and a job it starts cannot be stopped when it does not.</summary>
    public bool FirmPower { get; init; }

    /// <summary>Runtime in hours of job <paramref name="j"/> on a pool at a level, on its own GPU count or (an elastic
    /// job) on <paramref name="gpus"/>, with a paused job's checkpoint overhead.</summary>
    public double RuntimeHours(int j, GpuPool pool, int level, int? gpus = null) =>
        WorkLeft(j) / (Scenario.Jobs[j].Rate(gpus ?? Scenario.Jobs[j].Gpus) * pool.Curve.Levels[level].Throughput) + OverheadHours(j);

    /// <summary>The GPU counts planners try for job <paramref name="j"/> (its own alone unless elastic).</summary>
    public IReadOnlyList<int> Counts(int j) => (_counts ??= new Dictionary<int, IReadOnlyList<int>>()).TryGetValue(j, out var c) ? c : _counts[j] = Scenario.Jobs[j].Counts;

    private Dictionary<int, IReadOnlyList<int>>? _counts;

    /// <summary>GPU-hours of work job <paramref name="j"/> still has (at its own size, full power): all of it, or for a
    /// paused job what is left; the resume's checkpoint is <see cref="OverheadHours"/>.</summary>
    public double WorkLeft(int j) => _workLeft is not null && _workLeft.TryGetValue(j, out var w) ? w : Scenario.Jobs[j].WorkGpuHours;

    /// <summary>Hours a paused job spends restoring its checkpoint when it resumes (whatever its size and level; the
    /// simulator charges it in wall time, with the GPUs held and drawing power); zero for a job not yet started.</summary>
    public double OverheadHours(int j) => _overheadHours is not null && _overheadHours.TryGetValue(j, out var h) ? h : 0;

    /// <summary>GPU-hours of work a run of <paramref name="runSteps"/> steps leaves undone on <paramref name="gpus"/>
    /// GPUs at a throughput (after the resume's checkpoint overhead).</summary>
    public double UndoneAfter(int j, int gpus, double throughput, int runSteps) =>
        Math.Max(0, WorkLeft(j) - Scenario.Jobs[j].Rate(gpus) * throughput * Math.Max(0, runSteps * StepHours - OverheadHours(j)));

    private Dictionary<int, double>? _workLeft;
    private Dictionary<int, double>? _overheadHours;

    /// <summary>Hours job <paramref name="j"/> still needs at full power.</summary>
    public double FullPowerHours(int j) => WorkLeft(j) / Scenario.Jobs[j].Gpus + OverheadHours(j);

    /// <summary>Whole steps a run of <paramref name="runtimeHours"/> occupies (its GPUs are held for the whole last step).</summary>
    public int StepsToRun(double runtimeHours) => Math.Max(1, (int)Math.Ceiling(runtimeHours / StepHours - 1e-9));

    /// <summary>IT power above idle of job <paramref name="j"/> on a pool at a level (on <paramref name="gpus"/>, or its
    /// own count), kW.</summary>
    public double DeltaKw(int j, GpuPool pool, int level, int? gpus = null) => (gpus ?? Scenario.Jobs[j].Gpus) * pool.AddedPowerPerGpu(level).Kilowatts;

    /// <summary>A planned start of job <paramref name="j"/> at relative step <paramref name="t"/>, with its expected cost
    /// and the size it runs on where that is not its own.</summary>
    public PlannedStart StartAt(int j, int site, int pool, int level, int t, int gpus) =>
        new(j, site, pool, level, Offset + t, Reason(j, site, pool, level, t, gpus)) { Gpus = Scenario.Jobs[j].OtherSize(gpus) };

    /// <summary>What a start is expected to cost, on the window's signals: the grid emissions and cost of the job's
    /// added draw (facility level, before on-site output) over its run, and the slack left before its deadline.</summary>
    public CommandReason Reason(int j, int site, int pool, int level, int start, int? gpus = null)
    {
        var job = Scenario.Jobs[j];
        var p = Scenario.Sites[site].Pools[pool];
        var hours = RuntimeHours(j, p, level, gpus);
        var kw = DeltaKw(j, p, level, gpus);
        double grams = 0, cost = 0, left = hours;
        for (var t = start; t < Steps && left > 1e-12; t++)
        {
            var kwh = kw * Window.Pue[site][t] * Math.Min(StepHours, left);
            grams += kwh * Window.GramsPerKwh[site][t];
            cost += kwh / 1000.0 * Window.PricePerMwh[site][t];
            left -= StepHours;
        }
        var finish = Scenario.Grid.TimeAt(Offset + start) + TimeSpan.FromHours(hours);
        return new CommandReason(grams / 1000.0, cost, job.Deadline - finish);
    }

    /// <summary>First step (relative) the job may start at a site: its release plus any data transfer.</summary>
    public int ReleaseAt(int j, int site)
    {
        var job = Scenario.Jobs[j];
        var t = Scenario.Grid.CeilingIndex(job.EarliestStart + _transferTime[Home(j)][site]);
        return Math.Max(0, t - Offset);
    }

    /// <summary>Share of each job's remaining slack an online planner keeps in hand against work that has not
    /// arrived yet: it plans as if the latest start came that much earlier. The margin shrinks to nothing as the real
    /// latest start approaches, so a job still on time is never planned as late. Zero for the offline planners.</summary>
    public double SlackReserve { get; init; }

    /// <summary>Latest relative start that still meets the deadline at a runtime (may be negative or beyond the window).</summary>
    public int LatestOnTime(int j, double runtimeHours)
    {
        var job = Scenario.Jobs[j];
        var ticks = (job.Deadline - TimeSpan.FromHours(runtimeHours) - Scenario.Grid.Start).Ticks;
        var latest = (int)Math.Floor(ticks / (double)Scenario.Grid.Step.Ticks + 1e-9) - Offset;
        return SlackReserve > 0 && latest > 0 ? latest - (int)Math.Floor(SlackReserve * latest) : latest;
    }

    /// <summary>Whether the planners may start a job later than it could (the time lever). When off, a start d steps
    /// after the job's release at a site costs, per GPU-hour of its work, <see cref="DelayPenaltyPerGpuHourStep"/> for
    /// each of the first five steps of delay and <see cref="LongDelayPenaltyPerGpuHourStep"/> for each step after, up to
    /// <see cref="MaxDelayPenaltyPerGpuHour"/> (below what leaving the job unplaced costs): far more than a delay could
    /// save on any grid, so each job starts as early as capacity allows, and one held back by full GPUs is not then
    /// moved to cleaner hours for free.</summary>
    public bool TimeShift { get; init; } = true;

    /// <summary>See <see cref="TimeShift"/>.</summary>
    public const double DelayPenaltyPerGpuHourStep = 1_000;
    /// <summary>See <see cref="TimeShift"/>.</summary>
    public const double LongDelayPenaltyPerGpuHourStep = 200;
    /// <summary>See <see cref="TimeShift"/>: 0.9 of the unfinished-work penalty.</summary>
    public const double MaxDelayPenaltyPerGpuHour = 0.9 * Objective.UnfinishedPenaltyPerGpuHour;

    /// <summary>What the planners charge for a job missing its deadline: the objective's penalty, and with time off also
    /// the most the delay of every job in the window could cost, so that no planner finishes a job late to start others
    /// earlier (deadlines first, then no delay, then the objective).</summary>
    public double MissPenalty(int j) => Objective.DeadlineMissPenalty + TimeOffSurcharge;

    /// <summary>What the planners charge for leaving <paramref name="undoneGpuHours"/> of a job's work undone at the end
    /// of the window: the objective's penalty, and with time off, as for a miss, the most the delay of every job could
    /// cost, so that no planner leaves work undone to start others earlier (the delay is charged on a job's whole work,
    /// the undone penalty only on what is left, so without this a truncated job could look cheaper than a delayed one).</summary>
    public double UndonePenalty(double undoneGpuHours) => undoneGpuHours <= 1e-9 ? 0
        : Objective.UnfinishedPenaltyPerGpuHour * undoneGpuHours + TimeOffSurcharge;

    /// <summary>With time off, the most the delay of every job in the window could cost; zero with time on.</summary>
    private double TimeOffSurcharge => TimeShift ? 0 : MaxDelayPenaltyPerGpuHour * (_totalWork ??= Jobs.Sum(WorkLeft));

    private double? _totalWork;

    /// <summary>What starting job <paramref name="j"/> at a site at relative step <paramref name="t"/> costs for its
    /// delay: nothing while time shifting is allowed.</summary>
    public double DelayPenalty(int j, int site, int t)
    {
        if (TimeShift) return 0;
        var d = Math.Max(0, t - ReleaseAt(j, site));
        var perGpuHour = DelayPenaltyPerGpuHourStep * Math.Min(d, 5) + LongDelayPenaltyPerGpuHourStep * Math.Max(0, d - 5);
        return WorkLeft(j) * Math.Min(MaxDelayPenaltyPerGpuHour, perGpuHour);
    }

    /// <summary>Power levels job <paramref name="j"/> may run at in a pool (on <paramref name="gpus"/>, or its own size):
    /// the candidate levels its tier allows (a level and size whose runtime is at most 1 + slowdown times its own size's
    /// at full power; rigid: full power on at least its own size).</summary>
    public bool LevelAllowed(int j, Fleet.GpuPool pool, int level, int? gpus = null)
    {
        var job = Scenario.Jobs[j];
        return job.Tier.AllowsThroughput(job.Speed(pool.Curve.Levels[level].Throughput, gpus ?? job.Gpus));
    }

    /// <summary>Objective weight of the data-transfer energy if job <paramref name="j"/> starts at a site at step t,
    /// plus, for an online planner, the move's hurdle: the job's full-power energy times the forecast band of the two
    /// sites' weights (<see cref="MoveBandPerKwh"/>), so that a move is made only where its saving survives the
    /// forecast's uncertainty.</summary>
    public double TransferCost(int j, int site, int t)
    {
        var home = Home(j);
        if (site == home) return 0;
        var e = _transferKwh[home][site];
        var cost = e > 0 ? e * Weight[home][t] : 0;
        if (MoveBandPerKwh is { } band)
        {
            // The job's full-power energy, on the destination's largest pool at its PUE then.
            var pool = Scenario.Sites[site].Pools.MaxBy(p => p.Count)!;
            cost += WorkLeft(j) * pool.AddedPowerPerGpu(pool.Curve.FullPowerLevel).Kilowatts * Window.Pue[site][t] * (band[home] + band[site]);
        }
        return cost;
    }

    /// <summary>Per site, how far the window's objective weight per kWh may be off (an online planner's forecast band);
    /// null for the perfect-foresight planners.</summary>
    public double[]? MoveBandPerKwh { get; set; }

    /// <summary>Every level of the curve, full power first (so ties keep full power), then the most energy-efficient
    /// and the rest in order.</summary>
    private static int[] EveryLevel(PowerCurve curve)
    {
        var full = curve.FullPowerLevel;
        var best = Enumerable.Range(0, curve.Levels.Count).MaxBy(curve.EnergyEfficiencyGain);
        return new[] { full, best }.Concat(Enumerable.Range(0, curve.Levels.Count)).Distinct().ToArray();
    }

    /// <summary>Full power, the most energy-efficient level and one between them.</summary>
    public static int[] ThreeLevels(PowerCurve curve)
    {
        var full = curve.FullPowerLevel;
        var best = Enumerable.Range(0, curve.Levels.Count).MaxBy(curve.EnergyEfficiencyGain);
        if (best == full) return [full];
        return new[] { full, best, (best + full) / 2 }.Distinct().ToArray();
    }
}
