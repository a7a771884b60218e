namespace Tandem.Actuation;

/// <summary>The fleet as a policy drives it: it takes commands and shows what is so now. The simulator is one
/// implementation; a cluster manager adapter (Slurm, Kubernetes) is another: it would map <see cref="StartJob"/> to a
/// job submission with a GPU power cap, <see cref="PauseJob"/> to a checkpoint-and-requeue, <see cref="SetPowerLevel"/>
/// to a power-limit change on the job's GPUs, and build its observation from the manager's job and node states.</summary>
public interface IActuator
{
    /// <summary>What the fleet looks like now, reflecting every command accepted so far.</summary>
    FleetObservation Observation { get; }

    /// <summary>Carries out a command at its instant. A command that breaks a hard constraint is refused with
    /// <see cref="PolicyViolationException"/> and changes nothing.</summary>
    void Execute(Command command);
}
