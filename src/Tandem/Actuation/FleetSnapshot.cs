namespace Tandem.Actuation;

/// <summary>An observation as it leaves the process (to a server's clients, a log or another actuator), with every job,
/// site and pool named by its id: what is so at <paramref name="At"/>.</summary>
public sealed record FleetSnapshot(DateTimeOffset At, IReadOnlyList<JobSnapshot> Jobs, IReadOnlyList<SiteSnapshot> Sites);

/// <summary>A released job that is not done: its status, where it runs or last ran (null if it never did), its power
/// level and the work left in GPU-hours at full power.</summary>
public sealed record JobSnapshot(string Id, JobStatus Status, string? SiteId, string? PoolId, int Level, double RemainingWorkGpuHours);

/// <summary>A site now: IT and facility power and on-site output in kW, battery charge in kWh, and free GPUs per pool id.</summary>
public sealed record SiteSnapshot(string Id, double ItPowerKw, double FacilityPowerKw, double GenerationKw, double BatteryKwh,
    IReadOnlyDictionary<string, double> FreeGpusByPool);
