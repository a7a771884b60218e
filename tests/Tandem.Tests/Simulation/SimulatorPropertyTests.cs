using Tandem.Loop;
using FsCheck.Xunit;
using Tandem.Fleet;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;

namespace Tandem.Tests.Simulation;

/// <summary>Invariants over random fleets and workloads, for every baseline policy.</summary>
public class SimulatorPropertyTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    internal static Tandem.Scenarios.Scenario Random(int seed, bool batteries = true)
    {
        var rng = new Random(seed);
        var steps = 12 + rng.Next(36);
        var b = new ScenarioBuilder(steps, TimeSpan.FromMinutes(rng.Next(2) == 0 ? 15 : 60));
        var siteCount = 1 + rng.Next(3);
        var ids = Enumerable.Range(0, siteCount).Select(i => $"s{i}").ToArray();
        foreach (var id in ids)
        {
            var gpus = 1 + rng.Next(16);
            var idle = 0.05 + rng.NextDouble() * 0.1;
            var max = 0.3 + rng.NextDouble() * 0.5;
            var pue = 1 + rng.NextDouble() * 0.5;
            var limit = (gpus * idle + (1 + rng.Next(gpus)) * max) * pue + rng.NextDouble();
            double[] Vals(double lo, double hi) => Enumerable.Range(0, steps).Select(_ => lo + rng.NextDouble() * (hi - lo)).ToArray();
            var battery = !batteries || rng.Next(2) == 0 ? null : new Battery(Energy.FromKilowattHours(1 + rng.NextDouble() * 5), Power.FromKilowatts(0.5 + rng.NextDouble()),
                Fraction.Of(0.8 + rng.NextDouble() * 0.2), Fraction.Of(rng.NextDouble()));
            var curve = rng.Next(2) == 0 ? PowerCurve.FullPowerOnly : new PowerCurve([new PowerLevel(0.6, 0.8, 0.55), new PowerLevel(1, 1, 0.9)]);
            b.Site(id, gpus, idle, max, pue, limit, Vals(50, 800), Vals(-20, 300), rng.Next(2) == 0 ? null : Vals(0, 1), rng.NextDouble() * 5,
                Vals(0, 1), battery, curve, rng.Next(2) == 0 ? null : Vals(10, 35));
        }
        var jobs = rng.Next(40);
        for (var j = 0; j < jobs; j++)
        {
            var submit = T0 + b.Grid.Step * rng.Next(steps) + TimeSpan.FromMinutes(rng.Next(10));
            var allowed = ids.OrderBy(_ => rng.Next()).Take(1 + rng.Next(siteCount)).ToArray();
            b.Job($"j{j}", 1 + rng.Next(4), 0.1 + rng.NextDouble() * 6, submit, submit + TimeSpan.FromHours(1 + rng.Next(12)), allowed,
                rng.Next(2) == 0, TimeSpan.FromMinutes(rng.Next(20)));
        }
        if (rng.Next(2) == 0) b.Inference("r", Enumerable.Range(0, steps).Select(_ => rng.NextDouble() * 4).ToArray(), ids[0]);
        return b.Build();
    }

    [Property(MaxTest = 40)]
    public void NoPolicy_ExceedsCapacityOrGridLimits_AndEnergyBySourceAddsUp(int seed)
    {
        var scenario = Random(seed);
        foreach (var name in PolicyCatalog.Names)
        {
            var r = PlanActLoop.Run(scenario, PolicyCatalog.Create(name)!);
            Assert.Empty(r.Violations);
            for (var s = 0; s < scenario.Sites.Count; s++)
            {
                var site = scenario.Sites[s];
                var tr = r.Sites[s];
                for (var i = 0; i < scenario.Grid.Count; i++)
                {
                    Assert.InRange(tr.BusyGpus[i], 0, site.TotalGpus + 1e-6);
                    Assert.True(tr.GridKw[i] <= site.GridLimit.Kilowatts + 1e-6, $"{name}: grid {tr.GridKw[i]} kW over {site.GridLimit} at step {i}");
                    Assert.True(tr.GridKw[i] >= -1e-9);
                    var supplied = tr.OnsiteKw[i] + Math.Max(0, tr.BatteryKw[i]) + tr.GridKw[i];
                    Assert.Equal(tr.FacilityKw[i], supplied, 6);
                    Assert.True(tr.OnsiteKw[i] <= scenario.Signals.Generation(s, i).Kilowatts + 1e-9);
                }
            }
            var t = r.Totals;
            Assert.Equal(t.Energy.KilowattHours, t.OnsiteEnergy.KilowattHours + t.BatteryEnergy.KilowattHours + t.GridEnergy.KilowattHours, 6);
            Assert.InRange(t.JobsCompleted + t.JobsUnfinished, t.JobsTotal, t.JobsTotal);
        }
    }
}
