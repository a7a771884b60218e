using Tandem.Scenarios;

namespace Tandem.Validation;

/// <summary>What the validator rebuilds from the scenario and the execution log: per site, pool and step the GPUs held
/// by jobs and the inference load; per site and step the IT energy above idle and the data-transfer energy; per job its
/// finish time and the work left. Every array is indexed [site][pool][step] or [site][step].</summary>
internal sealed class Ledger
{
    public Ledger(Scenario scenario)
    {
        var steps = scenario.Grid.Count;
        HeldGpus = scenario.Sites.Select(s => s.Pools.Select(_ => new double[steps]).ToArray()).ToArray();
        InferenceGpus = scenario.Sites.Select(s => s.Pools.Select(_ => new double[steps]).ToArray()).ToArray();
        AddedKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        TransferKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        FacilityKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        OnsiteKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        DischargedKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        ChargedKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        GridKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        CurtailedKwh = scenario.Sites.Select(_ => new double[steps]).ToArray();
        Finish = new DateTimeOffset?[scenario.Jobs.Count];
        RemainingGpuHours = scenario.Jobs.Select(j => j.WorkGpuHours).ToArray();
    }

    public double[][][] HeldGpus { get; }
    public double[][][] InferenceGpus { get; }
    /// <summary>IT energy above idle: busy jobs for their active time plus inference at full power, kWh.</summary>
    public double[][] AddedKwh { get; }
    /// <summary>Data-transfer energy booked on the home site's grid in the step a job starts away from home, kWh.</summary>
    public double[][] TransferKwh { get; }
    /// <summary>Facility energy, (idle IT + added) × PUE, kWh.</summary>
    public double[][] FacilityKwh { get; }
    /// <summary>On-site output used by the load, kWh.</summary>
    public double[][] OnsiteKwh { get; }
    /// <summary>Battery energy delivered to the load, kWh.</summary>
    public double[][] DischargedKwh { get; }
    /// <summary>On-site surplus taken by the battery (before the one-way loss), kWh.</summary>
    public double[][] ChargedKwh { get; }
    /// <summary>Grid import for the facility (transfer energy not included), kWh.</summary>
    public double[][] GridKwh { get; }
    /// <summary>On-site output neither used nor stored, kWh.</summary>
    public double[][] CurtailedKwh { get; }
    /// <summary>Finish time of each job the log reports done (as reported, once checked against the recomputation).</summary>
    public DateTimeOffset?[] Finish { get; }
    /// <summary>Work left at the end of the period, GPU-hours (0 for a finished job).</summary>
    public double[] RemainingGpuHours { get; }
    /// <summary>Online demand not served, GPU-hours, and the demand, over all regions and steps.</summary>
    public double UnservedGpuHours { get; set; }
    public double DemandGpuHours { get; set; }
}
