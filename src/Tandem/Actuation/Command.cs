namespace Tandem.Actuation;

/// <summary>A decision sent to the fleet: what to do, to which job or service, from which instant. Commands name jobs,
/// sites, pools and regions by their stable ids, never by array position, so the same command means the same thing to
/// the simulator, to Slurm and to a saved plan.</summary>
/// <param name="At">The instant the command takes effect (the start of a step).</param>
public abstract record Command(DateTimeOffset At);
