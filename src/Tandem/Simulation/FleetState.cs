using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Scenarios;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Simulation;

/// <summary>The simulated fleet: the digital twin's state during a run, and the actuator a policy drives in a
/// simulation. It takes commands (<see cref="Execute"/>) and shows an observation of itself that ends at the current
/// step. Every command is checked against the hard constraints when it is made; an illegal one throws
/// <see cref="PolicyViolationException"/>, because it is a bug in the policy, and nothing is clipped. It reads the
/// scenario's signals for the current step only (the physics); the policy never holds a reference to it.</summary>
internal sealed partial class FleetState : IActuator
{

    private readonly string _policy;
    private Job[] _jobs;
    private int[][] _allowedSites;
    private int[] _releaseStep;
    private readonly List<int> _releaseOrder;
    private int _count;
    private int _nextRelease;
    private int _releasedFrom;
    private JobStatus[] _status;
    private double[] _remaining;
    private int[] _site;
    private int[] _pool;
    private int[] _level;
    private int[] _gpus;
    private double[] _overheadLeftHours;
    private bool[] _started;
    private bool[] _restorePending;
    private int[] _pausedStep;
    private (int Site, int Pool, int Gpus)[] _pausedFrom;
    private readonly List<int> _pending = [];
    private readonly List<int> _running = [];
    private int[][] _free;
    private double[] _busyDeltaKw;      // per site: Σ over busy GPUs of (busy − idle) draw, this step
    private double[] _idleItKw;         // per site: IT draw with every GPU idle
    private double[][] _fullDeltaKw;    // per site, pool: full-power busy − idle, per GPU
    private readonly int[][] _allowedInferenceSites;
    private readonly double[] _inferenceLeft;    // per region: GPUs of demand not yet served this step
    private double[][] _servedLoad;     // per site, pool: GPU load of online inference served this step
    private double[] _batterySocKwh;
    private double[] _socAfterStep;              // per site: battery charge at the end of the last step run
    private readonly Dictionary<string, int> _jobIndex;
    private readonly Dictionary<string, int> _regionIndex;
    private bool _pendingDirty;
    private double[] _transferKwh;

    internal FleetState(Scenario scenario, string policy)
    {
        Signals = scenario.Signals;
        Scenario = scenario;
        Grid = scenario.Grid;
        _policy = policy;
        _jobs = scenario.Jobs.ToArray();
        var n = _jobs.Length;
        _count = n;
        _allowedSites = new int[n][];
        _releaseStep = new int[n];
        for (var j = 0; j < n; j++)
        {
            _allowedSites[j] = SitesOf(_jobs[j]);
            _releaseStep[j] = Grid.CeilingIndex(_jobs[j].EarliestStart);
        }
        _releaseOrder = Enumerable.Range(0, n).OrderBy(j => _releaseStep[j]).ThenBy(j => _jobs[j].Submit).ThenBy(j => j).ToList();
        _status = new JobStatus[n];
        _remaining = _jobs.Select(j => j.WorkGpuHours).ToArray();
        _site = new int[n];
        _pool = new int[n];
        _level = new int[n];
        _gpus = new int[n];
        _overheadLeftHours = new double[n];
        _started = new bool[n];
        _restorePending = new bool[n];
        _pausedStep = new int[n];
        Array.Fill(_pausedStep, -1);
        _pausedFrom = new (int, int, int)[n];
        Array.Fill(_site, -1);
        Array.Fill(_pool, -1);
        var sites = scenario.Sites;
        _free = sites.Select(s => s.Pools.Select(p => p.Count).ToArray()).ToArray();
        _busyDeltaKw = new double[sites.Count];
        _idleItKw = sites.Select(s => s.IdleItPower.Kilowatts).ToArray();
        _fullDeltaKw = sites.Select(s => s.Pools.Select(p => p.AddedPowerPerGpu(p.Curve.FullPowerLevel).Kilowatts).ToArray()).ToArray();
        _allowedInferenceSites = scenario.Inference.Select(d => d.AllowedSites.Select(scenario.SiteIndex).ToArray()).ToArray();
        _inferenceLeft = new double[scenario.Inference.Count];
        _servedLoad = sites.Select(s => new double[s.Pools.Count]).ToArray();
        _transferKwh = new double[sites.Count];
        Log = new ExecutionLog(sites.Select(s => s.Pools.Count).ToArray(), scenario.Inference.Count, Grid.Count);
        _batterySocKwh = sites.Select(s => s.Battery is { } b ? b.Capacity.KilowattHours * b.InitialStateOfCharge.Value : 0).ToArray();
        _socAfterStep = (double[])_batterySocKwh.Clone();
        _jobIndex = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var j = 0; j < n; j++) _jobIndex[_jobs[j].Id] = j;
        _regionIndex = scenario.Inference.Select((r, i) => (r.Region, i)).ToDictionary(x => x.Region, x => x.i, StringComparer.Ordinal);
        Observation = new Observer(this);
        Step = -1;
    }

    /// <summary>The scenario being run (the world; never handed to a policy).</summary>
    public Scenario Scenario { get; private set; }
    private ScenarioSignals Signals { get; set; }
    /// <summary>The simulation grid.</summary>
    public TimeGrid Grid { get; }
    /// <summary>The current step index.</summary>
    public int Step { get; private set; }
    /// <summary>Start of the current step.</summary>
    public DateTimeOffset Now => Grid.TimeAt(Step);
    /// <inheritdoc />
    public FleetObservation Observation { get; }
    /// <summary>What has run so far, for the independent validator and for reports.</summary>
    public ExecutionLog Log { get; }

    internal int JobCount => _count;
    internal Job JobAt(int job) => _jobs[job];
    internal JobStatus StatusOf(int job) => _status[job];
    internal double RemainingOf(int job) => _remaining[job];

    private IReadOnlyList<int> PendingJobs
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

    private double FreeCapacity(int site, int pool) => _free[site][pool] - _servedLoad[site][pool];
    private double ItKw(int site) => _idleItKw[site] + _busyDeltaKw[site];
    private double PueNow(int site) => Signals.Pue(site, Step);
    private Power GridHeadroom(int site) => Observation.GridHeadroom(site);
    private PolicyViolationException Violation(string message) => new(_policy, Now, message);

    /// <summary>The policy's view of this fleet: current state only, released jobs only.</summary>
    private sealed class Observer(FleetState f) : FleetObservation
    {
        public override FleetLayout Fleet => f.Scenario.Fleet;
        public override IReadOnlyList<InferenceDemand> Regions => f.Scenario.Inference;
        public override TimeGrid Period => f.Grid;
        public override int Step => f.Step;
        public override IReadOnlyList<int> Pending => f.PendingJobs;
        public override ReadOnlySpan<int> ReleasedNow => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(f._releaseOrder).Slice(f._releasedFrom, f._nextRelease - f._releasedFrom);
        public override IReadOnlyList<int> Running => f._running;
        public override Job Job(int job) => f._jobs[Released(job)];
        public override JobStatus Status(int job) => f._status[Released(job)];
        public override double RemainingWork(int job) => f._remaining[Released(job)];
        public override int SiteOf(int job) => f._site[Released(job)];
        public override int PoolOf(int job) => f._pool[Released(job)];
        public override int LevelOf(int job) => f._level[Released(job)];
        public override int GpusOf(int job) => f._status[Released(job)] == JobStatus.Running ? f._gpus[job] : f._jobs[job].Gpus;
        public override IReadOnlyList<int> AllowedSites(int job) => f._allowedSites[Released(job)];
        public override int ReleaseStep(int job) => f._releaseStep[Released(job)];

        /// <summary>The job index if the job has been released; anything else is refused, so an index can tell a
        /// policy nothing about work still to come (not even how many jobs there are).</summary>
        private int Released(int job) => (uint)job < (uint)f._count && f._status[job] != JobStatus.NotReleased && !f._neverReleased.Contains(job)
            ? job
            : throw new InvalidOperationException($"Job index {job} is not a job released by {f.Now:O}; a policy cannot see it.");
        public override double FreeCapacity(int site, int pool) => f.FreeCapacity(site, pool);
        public override IReadOnlyList<int> InferenceSites(int region) => f._allowedInferenceSites[region];
        public override double InferenceLeft(int region) => f._inferenceLeft[region];
        public override Energy BatteryState(int site) => Energy.FromKilowattHours(f._batterySocKwh[site]);
        public override Power ItPower(int site) => Power.FromKilowatts(f.ItKw(site));
        public override double PueNow(int site) => f.PueNow(site);
        public override Power GenerationNow(int site) => f.Signals.Generation(site, f.Step);
    }
}
