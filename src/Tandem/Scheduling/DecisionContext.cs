using Tandem.Actuation;
using Tandem.Signals;

namespace Tandem.Scheduling;

/// <summary>Everything a policy gets in one step: an observation of the fleet, a view of the signals that ends now, the
/// clock, and a way to issue commands. Commands go to the actuator at once (so the observation reflects them) and are
/// recorded as the run's plan.</summary>
public sealed class DecisionContext
{
    private readonly IActuator _actuator;
    private readonly List<Command>? _record;

    /// <summary>A context over <paramref name="actuator"/>; issued commands are appended to <paramref name="record"/>.</summary>
    public DecisionContext(IActuator actuator, SignalView signals, List<Command>? record = null)
    {
        _actuator = actuator;
        _record = record;
        Signals = signals;
    }

    /// <summary>The fleet now.</summary>
    public FleetObservation Fleet => _actuator.Observation;
    /// <summary>The signals up to the end of the current step.</summary>
    public SignalView Signals { get; }
    /// <summary>Start of the current step.</summary>
    public DateTimeOffset Now => Fleet.Now;

    /// <summary>Sends a command to the fleet and records it.</summary>
    public void Issue(Command command)
    {
        _actuator.Execute(command);
        _record?.Add(command);
    }

    /// <summary>Starts (or resumes) job <paramref name="job"/> on a pool at a power level, on its own GPU count or (an
    /// elastic job) on <paramref name="gpus"/>.</summary>
    public void Start(int job, int site, int pool, int level, CommandReason? reason = null, int? gpus = null)
    {
        var s = Fleet.Sites[site];
        Issue(new StartJob(Now, Fleet.Job(job).Id, s.Id, s.Pools[pool].Id, level, reason) { Gpus = gpus is { } n ? Fleet.Job(job).OtherSize(n) : null });
    }

    /// <summary>Pauses a running interruptible job.</summary>
    public void Pause(int job) => Issue(new PauseJob(Now, Fleet.Job(job).Id));

    /// <summary>Moves a running job to another power level.</summary>
    public void SetLevel(int job, int level) => Issue(new SetPowerLevel(Now, Fleet.Job(job).Id, level));

    /// <summary>Serves <paramref name="load"/> GPUs of a region's demand on a pool in this step.</summary>
    public void Serve(int region, int site, int pool, double load)
    {
        var s = Fleet.Sites[site];
        Issue(new ServeInference(Now, Fleet.Regions[region].Region, s.Id, s.Pools[pool].Id, load));
    }
}
