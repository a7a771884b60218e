using Tandem.Fleet;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Actuation;

/// <summary>What a policy sees of the fleet at the current step: the layout, the jobs released so far and their
/// states, free GPUs, IT power, PUE, on-site output and battery state now. Nothing about later steps: jobs not yet
/// released cannot be looked up, and signals come only through a view that ends now. Jobs, sites, pools and regions are
/// addressed by their index in the layout (jobs: in the workload); commands carry their ids.</summary>
public abstract class FleetObservation
{
    /// <summary>The sites and transfer costs.</summary>
    public abstract FleetLayout Fleet { get; }
    /// <summary>The sites.</summary>
    public IReadOnlyList<Site> Sites => Fleet.Sites;
    /// <summary>The online inference regions.</summary>
    public abstract IReadOnlyList<InferenceDemand> Regions { get; }
    /// <summary>The decision grid (start, step; its end is the end of the run).</summary>
    public abstract TimeGrid Period { get; }
    /// <summary>The current step on <see cref="Period"/>.</summary>
    public abstract int Step { get; }
    /// <summary>Start of the current step.</summary>
    public DateTimeOffset Now => Period.TimeAt(Step);

    /// <summary>Released jobs that are not running and not done (never started or paused), in release order.</summary>
    public abstract IReadOnlyList<int> Pending { get; }
    /// <summary>Jobs released at the start of this step, in release order.</summary>
    public abstract ReadOnlySpan<int> ReleasedNow { get; }
    /// <summary>Jobs running now, in no particular order.</summary>
    public abstract IReadOnlyList<int> Running { get; }
    /// <summary>A released job; asking for one not yet released is a bug (it throws).</summary>
    public abstract Job Job(int job);
    /// <summary>Its status.</summary>
    public abstract JobStatus Status(int job);
    /// <summary>Work left, in GPU-hours at full power.</summary>
    public abstract double RemainingWork(int job);
    /// <summary>Hours a job still needs at full power: its remaining work over its GPUs, plus the checkpoint overhead
    /// its resume costs when it is paused.</summary>
    public double HoursLeft(int job)
    {
        var j = Job(job);
        return RemainingWork(job) / j.Gpus + (Status(job) == JobStatus.Paused ? j.CheckpointOverhead.TotalHours : 0);
    }
    /// <summary>Site index it runs (or last ran) at, or -1.</summary>
    public abstract int SiteOf(int job);
    /// <summary>Pool index it runs (or last ran) in, or -1.</summary>
    public abstract int PoolOf(int job);
    /// <summary>Its current power level.</summary>
    public abstract int LevelOf(int job);
    /// <summary>GPUs it holds while running (an elastic job's size for this run); its own size otherwise.</summary>
    public abstract int GpusOf(int job);
    /// <summary>Indices of the sites it may run at, in preference order (the first is its home).</summary>
    public abstract IReadOnlyList<int> AllowedSites(int job);
    /// <summary>The first step at whose start it may run.</summary>
    public abstract int ReleaseStep(int job);
    /// <summary>GPU capacity free in a pool now, counting inference load as a fraction of GPUs.</summary>
    public abstract double FreeCapacity(int site, int pool);
    /// <summary>Indices of the sites that may serve a region's online demand.</summary>
    public abstract IReadOnlyList<int> InferenceSites(int region);
    /// <summary>Demand of a region not yet served in this step, in GPUs.</summary>
    public abstract double InferenceLeft(int region);
    /// <summary>Battery state of charge at a site, or zero without a battery.</summary>
    public abstract Energy BatteryState(int site);
    /// <summary>IT power now, if every busy GPU ran the whole step.</summary>
    public abstract Power ItPower(int site);
    /// <summary>PUE now.</summary>
    public abstract double PueNow(int site);
    /// <summary>On-site renewable output now.</summary>
    public abstract Power GenerationNow(int site);

    /// <summary>Whole GPUs free in a pool now (online inference holds a fractional GPU load).</summary>
    public int FreeGpus(int site, int pool) => (int)Math.Floor(FreeCapacity(site, pool) + 1e-9);

    /// <summary>The first instant a job may start at a site: its earliest start, plus the data-transfer time when the
    /// site is not its home.</summary>
    public DateTimeOffset EarliestStartAt(int job, int site) => Job(job).EarliestStart + Fleet.Transfer(AllowedSites(job)[0], site).Duration;

    /// <summary>Facility power now.</summary>
    public Power FacilityPower(int site) => ItPower(site) * PueNow(site);

    /// <summary>How much more facility power the site can draw this step without exceeding its grid connection,
    /// counting on-site output and what the battery can give.</summary>
    public Power GridHeadroom(int site) => SiteEnergy.Headroom(Sites[site], FacilityPower(site), GenerationNow(site), BatteryState(site), Period.Step);

    /// <summary>How much more facility power the site can commit for as long as the work runs: the grid limit less
    /// today's IT power at the PUE ceiling of its design (<see cref="PueModel.Ceiling"/>), counting neither on-site output
    /// nor the battery, which may fade in a later step while a job that cannot be paused still runs. It needs no
    /// knowledge of later temperatures.</summary>
    public Power FirmHeadroom(int site) => Power.FromKilowatts(SiteEnergy.RoomKw(Sites[site], (ItPower(site) * Sites[site].Pue.Ceiling).Kilowatts));

    /// <summary>Extra facility power at the PUE ceiling from running <paramref name="gpus"/> more GPUs of a pool at a
    /// level; compare with <see cref="FirmHeadroom"/>.</summary>
    public Power AddedFirmPower(int site, int pool, int gpus, int level) =>
        Sites[site].Pools[pool].AddedPowerPerGpu(level) * (gpus * Sites[site].Pue.Ceiling);

    /// <summary>Extra facility power now from running <paramref name="gpus"/> more GPUs of a pool at a level.</summary>
    public Power AddedFacilityPower(int site, int pool, int gpus, int level) =>
        Sites[site].Pools[pool].AddedPowerPerGpu(level) * (gpus * PueNow(site));

    /// <summary>This observation with ids instead of indices: every released job not yet done, and every site.</summary>
    public FleetSnapshot Snapshot()
    {
        var jobs = Pending.Concat(Running).Distinct().Order().Select(j =>
        {
            var site = SiteOf(j);
            return new JobSnapshot(Job(j).Id, Status(j), site < 0 ? null : Sites[site].Id, site < 0 ? null : Sites[site].Pools[PoolOf(j)].Id,
                LevelOf(j), RemainingWork(j));
        }).ToArray();
        var sites = Sites.Select((s, i) => new SiteSnapshot(s.Id, ItPower(i).Kilowatts, FacilityPower(i).Kilowatts, GenerationNow(i).Kilowatts,
            BatteryState(i).KilowattHours, s.Pools.Select((p, k) => (p.Id, FreeCapacity(i, k))).ToDictionary(x => x.Id, x => x.Item2))).ToArray();
        return new FleetSnapshot(Now, jobs, sites);
    }
}
