namespace Tandem.Simulation;

/// <summary>Per-step mean powers at one site over a run, in kW, for charts and checks. Battery power is positive when
/// discharging.</summary>
public sealed class SiteTrace
{
    /// <summary>Creates an empty trace of <paramref name="steps"/> steps.</summary>
    public SiteTrace(string siteId, int steps)
    {
        SiteId = siteId;
        FacilityKw = new double[steps];
        GridKw = new double[steps];
        OnsiteKw = new double[steps];
        BatteryKw = new double[steps];
        BusyGpus = new double[steps];
    }

    /// <summary>The site.</summary>
    public string SiteId { get; }
    /// <summary>Facility power (IT × PUE), kW.</summary>
    public double[] FacilityKw { get; }
    /// <summary>Grid import, kW.</summary>
    public double[] GridKw { get; }
    /// <summary>On-site renewable power used, kW.</summary>
    public double[] OnsiteKw { get; }
    /// <summary>Battery power, kW, positive when discharging.</summary>
    public double[] BatteryKw { get; }
    /// <summary>GPUs held by jobs plus the GPU load of online inference, in each step.</summary>
    public double[] BusyGpus { get; }
}
