using Tandem.Fleet;
using Tandem.Scenarios;
using Tandem.Workloads;

namespace Tandem.Tests.Testing;

/// <summary>Small generated scenarios with a mix of rigid, standard and relaxed jobs whose deadlines follow the tier
/// rule of the trace mapping (earliest start + runtime × (1 + slowdown) + one step), all within the period.</summary>
public static class TieredScenarios
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    /// <summary>Four levels, capping strongly worth it: 0.45 of full speed at 0.3 of full draw (1.5× the work per kWh),
    /// 0.7 at 0.5, 0.9 at 0.78, full. Relaxed jobs may use every level, standard ones 0.7 and up, rigid ones only full power.</summary>
    public static PowerCurve Capped { get; } = new([new PowerLevel(0.4, 0.45, 0.3), new PowerLevel(0.6, 0.7, 0.5), new PowerLevel(0.8, 0.9, 0.78), new PowerLevel(1, 1, 1)]);

    /// <summary>Two levels: 0.8 of full speed at 0.55 of full draw, and full.</summary>
    public static PowerCurve TwoLevels { get; } = new([new PowerLevel(0.6, 0.8, 0.55), new PowerLevel(1, 1, 0.9)]);

    /// <summary>The three built-in tiers.</summary>
    public static FlexibilityTier[] Tiers { get; } = [FlexibilityTier.Rigid, FlexibilityTier.Standard, FlexibilityTier.Relaxed];

    /// <summary>Hourly steps (48 by default); 1-3 sites of <paramref name="minGpus"/> to <paramref name="maxGpus"/>
    /// GPUs with grid limits above their full draw (GPUs bind, not the grid), intensity following a daily swing of
    /// 100-700 g/kWh with noise, each site shifted, random prices; each site's curve is <paramref name="curve"/> or,
    /// when null, one of full power only, <see cref="TwoLevels"/> and <see cref="Capped"/>. Jobs: 1-4 GPUs, 0.5-5 h
    /// at full power, released in the first 20 h (on a step or a few minutes after), any tier, interruptible or not,
    /// allowed at their home site and perhaps others.</summary>
    public static Scenario Random(int seed, int minJobs, int maxJobs, int steps = 48, int minGpus = 4, int maxGpus = 8, PowerCurve? curve = null)
    {
        var rng = new Random(seed);
        var b = new ScenarioBuilder(steps);
        var siteCount = 1 + rng.Next(3);
        var ids = Enumerable.Range(0, siteCount).Select(i => $"s{i}").ToArray();
        foreach (var id in ids)
        {
            var gpus = minGpus + rng.Next(maxGpus - minGpus + 1);
            var idle = 0.05 + rng.NextDouble() * 0.1;
            var max = 0.3 + rng.NextDouble() * 0.5;
            var pue = 1 + rng.NextDouble() * 0.5;
            var shift = rng.NextDouble() * 24;
            var carbon = Enumerable.Range(0, steps).Select(t => 400 + 300 * Math.Sin(2 * Math.PI * (t + shift) / 24) + rng.NextDouble() * 50).ToArray();
            var price = Enumerable.Range(0, steps).Select(_ => 20 + rng.NextDouble() * 200).ToArray();
            var siteCurve = curve ?? rng.Next(3) switch { 0 => PowerCurve.FullPowerOnly, 1 => TwoLevels, _ => Capped };
            b.Site(id, gpus, idle, max, pue, 2 * gpus * max * pue + 1, carbon, price, curve: siteCurve);
        }
        var jobs = minJobs + rng.Next(maxJobs - minJobs + 1);
        for (var j = 0; j < jobs; j++)
        {
            var tier = Tiers[rng.Next(Tiers.Length)];
            var gpus = 1 + rng.Next(Math.Min(4, minGpus));
            var runtime = TimeSpan.FromHours(0.5 + rng.NextDouble() * 4.5);
            var submit = T0 + b.Grid.Step * rng.Next(20) + TimeSpan.FromMinutes(rng.Next(2) == 0 ? 0 : rng.Next(1, 30));
            var deadline = submit + runtime * (1 + tier.MaxSlowdown) + b.Grid.Step;
            var sites = ids.OrderBy(_ => rng.Next()).Take(1 + rng.Next(siteCount)).ToArray();
            b.Job($"j{j}", gpus, gpus * runtime.TotalHours, submit, deadline, sites, interruptible: rng.Next(2) == 0,
                overhead: TimeSpan.FromMinutes(rng.Next(20)), tier: tier);
        }
        var scenario = b.Build();
        return scenario with { Name = $"tiered-{seed}" };
    }
}
