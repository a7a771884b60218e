using Tandem.Actuation;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Signals;
using Tandem.Simulation;
using Tandem.Validation;
using Tandem.Workloads;

namespace Tandem.Loop;

/// <summary>The plan–act loop one step at a time, with the simulated fleet as the actuator: what
/// <see cref="PlanActLoop"/> runs to the end in one call, and what a live service advances as its clock comes. Between
/// steps, jobs that were not in the scenario may be admitted. Not thread-safe: one caller at a time.</summary>
public sealed class SteppedRun
{
    private Scenario _scenario;
    private readonly IPolicy _policy;
    private readonly FleetState _fleet;
    private readonly RunAccumulator _acc;
    private readonly List<Command> _commands = [];
    private readonly long _started;
    private readonly TimeProvider _clock;

    /// <summary>Prepares <paramref name="policy"/> for <paramref name="scenario"/>; a perfect-foresight yardstick is
    /// handed the scenario here, and only when <paramref name="allowForesight"/> (a live service never allows it).</summary>
    public SteppedRun(Scenario scenario, IPolicy policy, TimeProvider? clock = null, bool allowForesight = true)
    {
        if (!allowForesight && policy is IForesightPolicy or Scheduling.Replay.ReplayPolicy { Foresight: true })
            throw new ArgumentException($"{policy.Name} plans with perfect foresight and cannot run live; use a policy that sees only the past and its forecasts, such as mpc", nameof(policy));
        _scenario = scenario;
        _policy = policy;
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetTimestamp();
        _fleet = new FleetState(scenario, policy.Name);
        _acc = new RunAccumulator(scenario);
        Foresight = policy is IForesightPolicy or Scheduling.Replay.ReplayPolicy { Foresight: true };
        if (policy is IForesightPolicy oracle) oracle.Foresee(scenario);
        policy.Prepare(new PolicySetup(scenario.Fleet, scenario.Grid, scenario.Inference, scenario.Levers));
    }

    /// <summary>Whether the policy was handed the future.</summary>
    public bool Foresight { get; }
    /// <summary>The policy.</summary>
    public IPolicy Policy => _policy;
    /// <summary>The scenario's world (fleet, period, signals).</summary>
    public Scenario Scenario => _scenario;
    /// <summary>The next step to run; the period's step count when every step has run.</summary>
    public int NextStep => _fleet.Step + 1;
    /// <summary>Whether every step of the period has run.</summary>
    public bool Finished => NextStep >= _scenario.Grid.Count;
    /// <summary>Every command issued so far, in order.</summary>
    public IReadOnlyList<Command> Commands => _commands;
    /// <summary>The fleet as the policy sees it after the last step.</summary>
    public FleetObservation Observation => _fleet.Observation;
    /// <summary>What has run so far.</summary>
    public ExecutionLog Log => _fleet.Log;
    /// <summary>The jobs in the run, scenario and admitted, by index.</summary>
    public IReadOnlyList<Job> Jobs => _fleet.Jobs;

    /// <summary>Where a job stands now, by id; null if it is not in the run.</summary>
    public (JobStatus Status, string? Site, string? Pool, int Level, double RemainingGpuHours)? Job(string id) =>
        _fleet.Find(id) is { } f ? (f.Status, f.Site < 0 ? null : _scenario.Sites[f.Site].Id, f.Site < 0 ? null : _scenario.Sites[f.Site].Pools[f.Pool].Id, f.Level, f.Remaining) : null;

    /// <summary>When a job was withdrawn (<see cref="Actuation.CancelJob"/>), or null.</summary>
    public DateTimeOffset? WithdrawnAt(string id) => _fleet.WithdrawnAt(id);

    /// <summary>A job in the run by id, or null.</summary>
    public Job? JobById(string id) => _fleet.IndexOf(id) is var j and >= 0 ? _fleet.JobAt(j) : null;

    /// <summary>When a job finished, or null (not done, or not in the run).</summary>
    public DateTimeOffset? FinishedAt(string id) => _fleet.IndexOf(id) is var j and >= 0 ? _fleet.Log.FinishedAt(j) : null;

    /// <summary>Adds a job submitted while the run goes on; it is released at the next step at or after its earliest
    /// start. <see cref="ArgumentException"/> (nothing changed) if its id is taken, a site is unknown or no pool fits it.</summary>
    public void Admit(Job job) => _fleet.Admit(job);

    /// <summary>Checks an operator's fleet edit against the world and the fleet as they are now, for the next step on,
    /// and returns the change it makes without changing anything; <see cref="Tandem.Fleet.FleetEditException"/> names the
    /// field at fault. <see cref="ChangeFleet(FleetChange)"/> then puts it in force.</summary>
    public FleetChange CheckFleetEdit(Tandem.Fleet.FleetEdit edit)
    {
        if (Finished) throw new Tandem.Fleet.FleetEditException("step", "every step of the period has run", conflict: true);
        var world = FleetEdits.Apply(_scenario, NextStep, edit);
        _fleet.CheckReconfigure(world);
        return new FleetChange(_scenario, NextStep, world);
    }

    /// <summary>Puts a change from <see cref="CheckFleetEdit"/> in force from the next step: the fleet, the books and
    /// the signals the policy sees take the changed layout; the policy reads the layout from its observation each step.
    /// A change checked before another step ran or another edit was made is refused
    /// (<see cref="InvalidOperationException"/>): check it again.</summary>
    public void ChangeFleet(FleetChange change)
    {
        if (!ReferenceEquals(change.Before, _scenario) || change.Step != NextStep)
            throw new InvalidOperationException("the fleet changed or a step ran since this edit was checked; check it again");
        _fleet.Reconfigure(change.World);
        _acc.Reconfigure(change.World);
        _scenario = change.World;
    }

    /// <summary>Checks and puts in force an operator's fleet edit from the next step (<see cref="CheckFleetEdit"/>).</summary>
    public void ChangeFleet(Tandem.Fleet.FleetEdit edit) => ChangeFleet(CheckFleetEdit(edit));

    /// <summary>Runs the next step: the fleet releases jobs and sets online demand, carries out <paramref name="first"/>
    /// (commands of the service's own, such as a withdrawal), the policy decides on a view of the signals that ends at the
    /// step's end, and the fleet applies the physics. Returns the commands the step issued, <paramref name="first"/> first.</summary>
    public IReadOnlyList<Command> RunStep(IReadOnlyList<Command>? first = null)
    {
        if (Finished) throw new InvalidOperationException("every step of the period has run");
        var step = NextStep;
        var before = _commands.Count;
        _fleet.BeginStep(step);
        // What the service sends before the policy decides (a job's withdrawal), recorded with the step's commands.
        foreach (var c in first ?? [])
        {
            _fleet.Execute(c);
            _commands.Add(c);
        }
        _policy.Decide(new DecisionContext(_fleet, new SignalView(_scenario.Signals, _scenario.Grid.TimeAt(step + 1)), _commands));
        _fleet.EndStep(_acc);
        return _commands.GetRange(before, _commands.Count - before);
    }

    /// <summary>Runs the next step with recorded commands instead of the policy (a service resuming from its store):
    /// the fleet ends where it was when the commands were first issued.</summary>
    public void RunStepWith(IEnumerable<Command> recorded)
    {
        if (Finished) throw new InvalidOperationException("every step of the period has run");
        _fleet.BeginStep(NextStep);
        foreach (var c in recorded)
        {
            _fleet.Execute(c);
            _commands.Add(c);
        }
        _fleet.EndStep(_acc);
    }

    /// <summary>Totals so far (work not done yet counts as unfinished).</summary>
    public RunTotals TotalsSoFar() => _acc.Finish(_policy.Name, _fleet, _clock.GetElapsedTime(_started).TotalSeconds).Totals;

    /// <summary>Per-site traces so far (steps not run are zero).</summary>
    public IReadOnlyList<SiteTrace> Traces => _acc.Traces;

    /// <summary>Closes the run after the last step and has the independent validator check it against the scenario
    /// with every admitted job in it.</summary>
    public RunResult Finish()
    {
        _fleet.Log.CloseAll(NextStep);
        var result = _acc.Finish(_policy.Name, _fleet, _clock.GetElapsedTime(_started).TotalSeconds);
        var jobs = _fleet.WorldJobs;
        var world = ReferenceEquals(jobs, _scenario.Jobs) || (jobs.Count == _scenario.Jobs.Count && jobs.SequenceEqual(_scenario.Jobs)) ? _scenario : _scenario with { Jobs = jobs.ToArray() };
        // The world carries the fleet's revisions and the series they changed, so the validator checks each step
        // against the layout in force then.
        var (violations, firmLate) = RunValidator.Check(world, result.Log, result.Totals, result.Sites);
        return result with { Violations = violations, FirmLate = firmLate, Commands = _commands, Foresight = Foresight };
    }
}

/// <summary>A fleet edit checked by <see cref="SteppedRun.CheckFleetEdit"/>: the world it was checked on, the step it
/// holds from, and the world it makes.</summary>
public sealed class FleetChange
{
    internal FleetChange(Scenario before, int step, Scenario world)
    {
        Before = before;
        Step = step;
        World = world;
    }

    internal Scenario Before { get; }
    /// <summary>The step the edit holds from.</summary>
    public int Step { get; }
    /// <summary>The world with the edit in force.</summary>
    public Scenario World { get; }
}
