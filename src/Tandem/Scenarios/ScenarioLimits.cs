namespace Tandem.Scenarios;

/// <summary>The bounds a scenario's values must keep (docs/scenario.md, "Bounds"). They are far beyond any real
/// data center, and they are there so that no input can overflow a duration, make a sum infinite or size work without
/// end: every duration fits a <see cref="TimeSpan"/>, every product of power, time, price and intensity stays finite,
/// and a trace yields a bounded number of jobs.</summary>
public static class ScenarioLimits
{
    /// <summary>Ten years: the longest period, history, arrival window, skip, shift or stretch, in days.</summary>
    public const double MaxDays = 3660;
    /// <summary><see cref="MaxDays"/> in hours (87,840).</summary>
    public const double MaxHours = MaxDays * 24;
    /// <summary><see cref="MaxDays"/> in minutes (5,270,400).</summary>
    public const double MaxMinutes = MaxDays * 24 * 60;
    /// <summary>Time lost on each resume: one day, in minutes.</summary>
    public const double MaxCheckpointOverheadMinutes = 1440;
    /// <summary>The earliest and latest instants a scenario may name (start, end, job times, trace starts).</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), Latest = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A site's grid limit, a plant's capacity or nominal output, a battery's power: 100 GW, in kW.</summary>
    public const double MaxKilowatts = 1e8;
    /// <summary>A battery's energy or a transfer's energy: 1 TWh, in kWh.</summary>
    public const double MaxKilowattHours = 1e9;
    /// <summary>The power of one GPU (or one device standing for a rack): 1 MW, in W.</summary>
    public const double MaxWattsPerGpu = 1e6;
    /// <summary>GPUs in a pool, in a job, in a trace's gpu_mix or at an inference region's peak.</summary>
    public const int MaxGpus = 10_000_000;

    /// <summary>A trace's Poisson arrival rate, in jobs per day.</summary>
    public const double MaxJobsPerDay = 100_000;
    /// <summary>Jobs one trace yields: the default and the largest max_jobs.</summary>
    public const int MaxJobsPerTrace = 1_000_000;
    /// <summary>A gpu_mix weight (weights are relative).</summary>
    public const double MaxWeight = 1e6;
    /// <summary>Trace seconds per scenario second, both ways.</summary>
    public const double MinTimeScale = 1e-3, MaxTimeScale = 1e3;

    /// <summary>A tariff price per kWh, either sign, in its own currency (a million per kWh).</summary>
    public const double MaxPricePerKwh = 1e6;
    /// <summary>Units of the scenario currency per unit of another, both ways.</summary>
    public const double MinExchangeRate = 1e-6, MaxExchangeRate = 1e6;
    /// <summary>A carbon intensity, in gCO2e/kWh (the dirtiest real plants emit about 1,200).</summary>
    public const double MaxGramsPerKilowattHour = 10_000;
    /// <summary>A PUE (the constant or the temperature model's base) stays below this.</summary>
    public const double MaxPue = 5;
    /// <summary>The PUE model's rise per °C above its threshold.</summary>
    public const double MaxPuePerDegreeC = 1;
    /// <summary>The PUE model's threshold, in °C, either sign.</summary>
    public const double MaxAbsDegreesC = 100;
}
