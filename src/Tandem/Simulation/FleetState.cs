using Tandem.Fleet;
using Tandem.Scenarios;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Simulation;

/// <summary>The live state of a fleet during a simulation, as a policy sees and steers it. A policy reads the
/// state at the start of a step and acts through <see cref="Start"/>, <see cref="Pause"/>, <see cref="SetLevel"/> and
/// <see cref="Serve"/>. Every action is checked against the hard constraints when it is made; an illegal one throws
/// <see cref="PolicyViolationException"/>, because it is a bug in the policy, and nothing is clipped.</summary>
public sealed partial class FleetState
{
    private readonly string _policy;
    private readonly Job[] _jobs;
    private readonly int[][] _allowedSites;
    private readonly int[] _releaseStep;
    private readonly int[] _releaseOrder;
    private int _nextRelease;
    private int _releasedFrom;
    private readonly JobStatus[] _status;
    private readonly double[] _remaining;
    private readonly int[] _site;
    private readonly int[] _pool;
    private readonly int[] _level;
    private readonly double[] _overheadLeftHours;
    private readonly bool[] _started;
    private readonly List<int> _pending = [];
    private readonly List<int> _running = [];
    private readonly int[][] _free;
    private readonly double[] _busyDeltaKw;      // per site: Σ over busy GPUs of (busy − idle) draw, this step
    private readonly double[] _idleItKw;         // per site: IT draw with every GPU idle
    private readonly double[][] _fullDeltaKw;    // per site, pool: full-power busy − idle, per GPU
    private readonly int[][] _allowedInferenceSites;
    private readonly double[] _inferenceLeft;    // per region: GPUs of demand not yet served this step
    private readonly double[][] _servedLoad;     // per site, pool: GPU load of online inference served this step
    private readonly double[] _batterySocKwh;
    private readonly double[] _pueMax;
    private bool _pendingDirty;
    private readonly double[] _transferKwh;

    internal FleetState(Scenario scenario, string policy)
    {
        Scenario = scenario;
        Grid = scenario.Grid;
        _policy = policy;
        _jobs = scenario.Jobs.ToArray();
        var n = _jobs.Length;
        var siteIndex = new Dictionary<string, int>();
        for (var s = 0; s < scenario.Sites.Count; s++) siteIndex[scenario.Sites[s].Id] = s;
        _allowedSites = new int[n][];
        _releaseStep = new int[n];
        for (var j = 0; j < n; j++)
        {
            _allowedSites[j] = _jobs[j].AllowedSites.Select(id => siteIndex[id]).ToArray();
            _releaseStep[j] = Grid.CeilingIndex(_jobs[j].EarliestStart);
        }
        _releaseOrder = Enumerable.Range(0, n).OrderBy(j => _releaseStep[j]).ThenBy(j => _jobs[j].Submit).ThenBy(j => j).ToArray();
        _status = new JobStatus[n];
        _remaining = _jobs.Select(j => j.WorkGpuHours).ToArray();
        _site = new int[n];
        _pool = new int[n];
        _level = new int[n];
        _overheadLeftHours = new double[n];
        _started = new bool[n];
        Array.Fill(_site, -1);
        Array.Fill(_pool, -1);
        var sites = scenario.Sites;
        _free = sites.Select(s => s.Pools.Select(p => p.Count).ToArray()).ToArray();
        _busyDeltaKw = new double[sites.Count];
        _idleItKw = sites.Select(s => s.IdleItPower.Kilowatts).ToArray();
        _fullDeltaKw = sites.Select(s => s.Pools.Select(p => p.BusyPowerPerGpu(p.Curve.FullPowerLevel).Kilowatts - p.IdlePowerPerGpu.Kilowatts).ToArray()).ToArray();
        _allowedInferenceSites = scenario.Inference.Select(d => d.AllowedSites.Select(id => siteIndex[id]).ToArray()).ToArray();
        _inferenceLeft = new double[scenario.Inference.Count];
        _servedLoad = sites.Select(s => new double[s.Pools.Count]).ToArray();
        _transferKwh = new double[sites.Count];
        Log = new ExecutionLog(scenario.Inference.Count, sites.Count, Grid.Count);
        _batterySocKwh = sites.Select(s => s.Battery is { } b ? b.Capacity.KilowattHours * b.InitialStateOfCharge.Value : 0).ToArray();
        _pueMax = sites.Select(s => s.Pue.Max(Grid.Count)).ToArray();
        Step = -1;
    }

    /// <summary>The scenario being run.</summary>
    public Scenario Scenario { get; }
    /// <summary>The simulation grid.</summary>
    public TimeGrid Grid { get; }
    /// <summary>The current step index.</summary>
    public int Step { get; private set; }
    /// <summary>Start of the current step.</summary>
    public DateTimeOffset Now => Grid.TimeAt(Step);

    /// <summary>Released jobs that are not running and not done (never started or paused), in release order.</summary>
    public IReadOnlyList<int> Pending
    {
        get
        {
            if (_pendingDirty)
            {
                _pending.RemoveAll(j => _status[j] is not (JobStatus.Pending or JobStatus.Paused));
                _pendingDirty = false;
            }
            return _pending;
        }
    }

    /// <summary>Jobs released at the start of this step, in release order.</summary>
    public ReadOnlySpan<int> ReleasedNow => _releaseOrder.AsSpan(_releasedFrom, _nextRelease - _releasedFrom);

    /// <summary>Jobs running now, in no particular order.</summary>
    public IReadOnlyList<int> Running => _running;
    /// <summary>Number of jobs in the scenario; job indices run from 0 to this − 1.</summary>
    public int JobCount => _jobs.Length;
    /// <summary>The job with index <paramref name="job"/>.</summary>
    public Job Job(int job) => _jobs[job];
    /// <summary>Its status.</summary>
    public JobStatus Status(int job) => _status[job];
    /// <summary>Work left, in GPU-hours at full power.</summary>
    public double RemainingWork(int job) => _remaining[job];
    /// <summary>Site index it runs (or last ran) at, or -1.</summary>
    public int SiteOf(int job) => _site[job];
    /// <summary>Pool index it runs (or last ran) in, or -1.</summary>
    public int PoolOf(int job) => _pool[job];
    /// <summary>Its current power level.</summary>
    public int LevelOf(int job) => _level[job];
    /// <summary>Indices of the sites it may run at, in preference order.</summary>
    public IReadOnlyList<int> AllowedSites(int job) => _allowedSites[job];
    /// <summary>The first step at whose start it may run.</summary>
    public int ReleaseStep(int job) => _releaseStep[job];
    /// <summary>Whole GPUs free in a pool now (online inference holds a fractional GPU load).</summary>
    public int FreeGpus(int site, int pool) => (int)Math.Floor(FreeCapacity(site, pool) + 1e-9);

    /// <summary>GPU capacity free in a pool now, counting inference load as a fraction of GPUs.</summary>
    public double FreeCapacity(int site, int pool) => _free[site][pool] - _servedLoad[site][pool];

    /// <summary>What has run so far, for the independent validator and for reports.</summary>
    public ExecutionLog Log { get; }

    /// <summary>The first instant <paramref name="job"/> may start at <paramref name="site"/>: its earliest start, plus
    /// the data-transfer time when the site is not its home (the first allowed site).</summary>
    public DateTimeOffset EarliestStartAt(int job, int site) =>
        _jobs[job].EarliestStart + Scenario.Transfer(_allowedSites[job][0], site).Duration;
    /// <summary>Indices of the sites that may serve a region's online demand.</summary>
    public IReadOnlyList<int> InferenceSites(int region) => _allowedInferenceSites[region];
    /// <summary>Demand of a region not yet served in this step, in GPUs.</summary>
    public double InferenceLeft(int region) => _inferenceLeft[region];
    /// <summary>Battery state of charge at a site, or zero energy without a battery.</summary>
    public Energy BatteryState(int site) => Energy.FromKilowattHours(_batterySocKwh[site]);

    /// <summary>Facility power now, if every busy GPU ran the whole step.</summary>
    public Power FacilityPower(int site) =>
        Power.FromKilowatts((_idleItKw[site] + _busyDeltaKw[site]) * Scenario.Sites[site].Pue.At(Step));

    /// <summary>How much more facility power the site can draw this step without exceeding its grid connection,
    /// counting on-site renewable output and what the battery can give.</summary>
    public Power GridHeadroom(int site) =>
        Power.FromKilowatts(Scenario.Sites[site].GridLimit.Kilowatts + Scenario.Sites[site].RenewableOutputAt(Step).Kilowatts
            + BatteryDischargeLimitKw(site) - FacilityPower(site).Kilowatts);

    /// <summary>How much more facility power the site can commit for as long as the work runs: the grid limit less
    /// today's commitments at the highest PUE of the period, counting neither renewables nor the battery, which may
    /// fade in a later step while a job that cannot be paused still runs.</summary>
    public Power FirmHeadroom(int site) =>
        Power.FromKilowatts(Scenario.Sites[site].GridLimit.Kilowatts - (_idleItKw[site] + _busyDeltaKw[site]) * _pueMax[site]);

    /// <summary>Extra facility power, at the highest PUE of the period, from running <paramref name="gpus"/> more GPUs
    /// of a pool at a level; compare with <see cref="FirmHeadroom"/>.</summary>
    public Power AddedFirmPower(int site, int pool, int gpus, int level)
    {
        var p = Scenario.Sites[site].Pools[pool];
        return Power.FromKilowatts(gpus * (p.BusyPowerPerGpu(level).Kilowatts - p.IdlePowerPerGpu.Kilowatts) * _pueMax[site]);
    }

    /// <summary>Extra facility power from running <paramref name="gpus"/> more GPUs of a pool at a level.</summary>
    public Power AddedFacilityPower(int site, int pool, int gpus, int level)
    {
        var p = Scenario.Sites[site].Pools[pool];
        return Power.FromKilowatts(gpus * (p.BusyPowerPerGpu(level).Kilowatts - p.IdlePowerPerGpu.Kilowatts) * Scenario.Sites[site].Pue.At(Step));
    }

    private double BatteryDischargeLimitKw(int site)
    {
        var b = Scenario.Sites[site].Battery;
        if (b is null) return 0;
        return Math.Min(b.PowerLimit.Kilowatts, _batterySocKwh[site] * b.OneWayEfficiency / Grid.StepHours);
    }

    private PolicyViolationException Violation(string message) => new(_policy, Now, message);
}
