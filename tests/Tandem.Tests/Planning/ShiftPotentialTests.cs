using FsCheck.Xunit;
using Tandem.Fleet;
using Tandem.Loop;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling.Optimal;
using Tandem.Scheduling.RunNow;
using Tandem.Tests.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;

namespace Tandem.Tests.Planning;

public class ShiftPotentialTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    /// <summary>Moving data between two sites of a scenario built in code costs what the list says.</summary>
    private static Scenario WithTransfers(Scenario s, params SiteTransfer[] transfers) => s with { Fleet = new FleetLayout(s.Sites, transfers) };

    /// <summary>Two sites, four hourly steps. Every GPU draws 0.1 kW idle and 1.1 kW busy at full power (the one level),
    /// so a busy GPU adds 1 kW. A: PUE 1.5, intensity 400, 100, 300, 200 g/kWh, price 50, 60, 10, 20 per MWh.
    /// B: PUE 1.0 + 0.1 per °C above 20 °C at 20, 22, 25, 20 °C = 1.0, 1.2, 1.5, 1.0; intensity 100, 200, 100, 50;
    /// price 30, 40, 80, 10. Moving a job A → B takes 1 h and 0.5 kWh (booked on A's grid in the step it starts).
    /// <para>J1 (1 GPU, 1.5 GPU-h, released 00:00, due 04:00, A then B): 1.5 h, two steps, the second half used; on
    /// time from step 0 to 2 at A, 1 to 2 at B. Per start: A0 1.5 kWh × 400 + 0.75 × 100 = 675 g; A1 1.5 × 100 +
    /// 0.75 × 300 = 375 g; A2 1.5 × 300 + 0.75 × 200 = 600 g; B1 1.2 × 200 + 0.75 × 100 + 0.5 × 100 (transfer at A's
    /// step 1) = 365 g; B2 1.5 × 100 + 0.5 × 50 + 0.5 × 300 = 325 g. Baseline 675, time 375 (A1), place 365 (B1),
    /// both 325 (B2). Cost (kWh × price / 1000): A0 0.120; A1 0.0975; A2 1.5 × 10 + 0.75 × 20 → 0.030; B1 1.2 × 40 +
    /// 0.75 × 80 + 0.5 × 60 → 0.138; B2 1.5 × 80 + 0.5 × 10 + 0.5 × 10 → 0.130. Baseline 0.120, time 0.030 (A2), place
    /// 0.120 (B1 costs more), both 0.030.</para>
    /// <para>J2 (2 GPUs, 2 GPU-h, released 00:30, due 02:30): release step 1 (the first at or after 00:30), latest on
    /// time 1 (02:30 − 1 h = 01:30, floored); at B it could start only at 01:30 + transfer → step 2, too late. Only A1:
    /// 2 kW × 1.5 = 3 kWh × 100 = 300 g, × 60 → 0.180.</para>
    /// <para>J3 (1 GPU, 2 GPU-h, released 03:00, due 06:00, after the period): it cannot finish within the period, so it
    /// has no slack and stays put; its baseline counts step 3 only: 1.5 kWh × 200 = 300 g, × 20 → 0.030.</para>
    /// <para>J4 is released at 04:00, the end of the period: left out.</para>
    /// Totals: energy 2.25 + 3 + 1.5 = 6.75 kWh; emissions baseline 675 + 300 + 300 = 1,275 g, time 975, place 965,
    /// both 925; cost baseline 0.330, time 0.240, place 0.330, both 0.240.</summary>
    [Fact]
    public void HandWorkedCase_TwoSitesFourSteps()
    {
        var s = WithTransfers(new ScenarioBuilder(4)
            .Site("A", 4, 0.1, 1.1, 1.5, 100, [400, 100, 300, 200], [50, 60, 10, 20])
            .Site("B", 4, 0.1, 1.1, 1.0, 100, [100, 200, 100, 50], [30, 40, 80, 10], temperatureC: [20, 22, 25, 20], pueSlopePerDegree: 0.1)
            .Job("J1", 1, 1.5, T0, T0.AddHours(4), ["A", "B"])
            .Job("J2", 2, 2, T0.AddMinutes(30), T0.AddHours(2.5), ["A", "B"])
            .Job("J3", 1, 2, T0.AddHours(3), T0.AddHours(6), ["A", "B"])
            .Job("J4", 1, 1, T0.AddHours(4), T0.AddHours(8), ["A", "B"])
            .Build(), new SiteTransfer("A", "B", TimeSpan.FromHours(1), Energy.FromKilowattHours(0.5)));

        var p = ShiftPotential.Of(s);

        Assert.Equal(4, p.Jobs);
        Assert.Equal(1, p.JobsLeftOut);
        Assert.Equal(3, p.JobsCounted);
        Assert.Equal(1, p.JobsWithoutSlack);
        Assert.Equal(6.75, p.BaselineEnergy.KilowattHours, 9);
        Assert.Equal(1275, p.BaselineEmissions.Grams, 9);
        Assert.Equal(975, p.TimeEmissions.Grams, 9);
        Assert.Equal(965, p.PlaceEmissions.Grams, 9);
        Assert.Equal(925, p.BothEmissions.Grams, 9);
        Assert.Equal(0.330, p.BaselineCost.Amount, 9);
        Assert.Equal(0.240, p.TimeCost.Amount, 9);
        Assert.Equal(0.330, p.PlaceCost.Amount, 9);
        Assert.Equal(0.240, p.BothCost.Amount, 9);
        Assert.Equal(Currency.Cny, p.BaselineCost.Currency);
        Assert.Equal(350.0 / 1275, ShiftPotential.Saving(p.BaselineEmissions.Grams, p.BothEmissions.Grams)!.Value, 12);
        Assert.Null(ShiftPotential.Saving(0, 0));

        // Run-now starts J1, J2 and J3 on release at A: its emissions are the baseline plus the idle draw, 0.4 kW at
        // each site × PUE × intensity: A 0.6 × (400 + 100 + 300 + 200) = 600 g; B 0.4 × (1.0 × 100 + 1.2 × 200 +
        // 1.5 × 100 + 1.0 × 50) = 216 g.
        Assert.Equal(1275 + 600 + 216, PlanActLoop.Run(s, new RunNowPolicy()).Totals.Emissions.Grams, 9);
    }

    /// <summary>The baseline is one of the options of every shift, and each option set holds the smaller ones: time and
    /// place together never save less than either alone, and neither saves less than nothing (emissions and cost,
    /// prices negative at times). Scenarios are built from generated values, so a failure shrinks to a small one: two
    /// sites, twelve steps (hourly or quarter-hourly), four values per job.</summary>
    [Property(MaxTest = 200)]
    public void BothSavesMostAndNoShiftSavesLessThanNothing(int[] carbon, int[] price, int[] jobs, byte transferSteps, byte transferDeciKwh, bool quarterHours)
    {
        const int steps = 12;
        var b = new ScenarioBuilder(steps, TimeSpan.FromMinutes(quarterHours ? 15 : 60));
        double Pick(int[] values, int i, double scale, double offset) => values.Length == 0 ? offset : Math.Abs(values[i % values.Length] % 100) * scale + offset;
        b.Site("A", 8, 0.1, 0.7, 1.2, 1e4, Enumerable.Range(0, steps).Select(t => Pick(carbon, t, 8, 10)).ToArray(),
            Enumerable.Range(0, steps).Select(t => Pick(price, t, 4, -60)).ToArray());
        b.Site("B", 4, 0.05, 0.5, 1.1, 1e4, Enumerable.Range(0, steps).Select(t => Pick(carbon, t + steps, 8, 10)).ToArray(),
            Enumerable.Range(0, steps).Select(t => Pick(price, t + steps, 4, -60)).ToArray(), temperatureC: Enumerable.Range(0, steps).Select(t => 15.0 + t).ToArray());
        for (var i = 0; i + 3 < jobs.Length && i < 40; i += 4)
        {
            var v = jobs.Skip(i).Take(4).Select(x => Math.Abs(x % 1000)).ToArray();
            var submit = T0 + b.Grid.Step * (v[0] % (steps + 2)) + TimeSpan.FromMinutes(v[0] % 7);
            var sites = (v[3] % 3) switch { 0 => new[] { "A" }, 1 => ["A", "B"], _ => ["B", "A"] };
            b.Job($"j{i / 4}", 1 + v[1] % 4, 0.1 + v[2] % 40 / 10.0, submit, submit + TimeSpan.FromMinutes(30 + 30 * (v[3] % 20)), sites);
        }
        var s = WithTransfers(b.Build(),
            new SiteTransfer("A", "B", b.Grid.Step * (transferSteps % 3), Energy.FromKilowattHours(transferDeciKwh / 10.0)),
            new SiteTransfer("B", "A", b.Grid.Step * (transferSteps / 3 % 3), Energy.FromKilowattHours(transferDeciKwh % 7 / 10.0)));

        var p = ShiftPotential.Of(s);

        const double eps = 1e-9;
        Assert.True(p.BothEmissions.Grams <= p.TimeEmissions.Grams + eps && p.BothEmissions.Grams <= p.PlaceEmissions.Grams + eps,
            $"both {p.BothEmissions} above time {p.TimeEmissions} or place {p.PlaceEmissions}");
        Assert.True(p.TimeEmissions.Grams <= p.BaselineEmissions.Grams + eps && p.PlaceEmissions.Grams <= p.BaselineEmissions.Grams + eps);
        Assert.True(p.BothCost.Amount <= p.TimeCost.Amount + eps && p.BothCost.Amount <= p.PlaceCost.Amount + eps);
        Assert.True(p.TimeCost.Amount <= p.BaselineCost.Amount + eps && p.PlaceCost.Amount <= p.BaselineCost.Amount + eps);
        Assert.True(p.BothEmissions.Grams >= 0);
        Assert.InRange(p.JobsWithoutSlack, 0, p.JobsCounted);
    }

    /// <summary>On scenarios where nothing is ever full (pools larger than all the jobs together, grid limits far above
    /// the draw), no on-site output, no battery, no online demand, a single full-power level (capping impossible) and
    /// every job able to finish on time from its release, a schedule can only save by moving jobs: so what optimal saves
    /// over run-now never exceeds the bound's saving (baseline − time and place), in emissions and, for the same run,
    /// in cost (each job's cost is no lower than its cheapest on-time start either). Run-now starts every job on release
    /// at home: its emissions and cost less the idle draw (worked out here from the signals) are the baseline. With
    /// nothing binding the bound is tight in practice: on seeds 1-6 optimal saved exactly the bound's emissions (it can
    /// fall short only where cost, its tie-breaker, trades a gram for a currency unit).</summary>
    [Property(MaxTest = 20)]
    public void OptimalNeverSavesMoreThanTheBound_WhereCapacityIsAmple(int seed)
    {
        var s = Ample(seed);
        var p = ShiftPotential.Of(s);
        Assert.Equal(0, p.JobsWithoutSlack);
        Assert.Equal(0, p.JobsLeftOut);

        var now = PlanActLoop.Run(s, new RunNowPolicy()).Totals;
        var opt = PlanActLoop.Run(s, new OptimalPolicy(Objective.Emissions));
        Assert.Empty(opt.Violations);
        Assert.Equal(s.Jobs.Count, opt.Totals.JobsCompleted);
        Assert.Equal(0, opt.Totals.DeadlineMisses);
        Assert.Equal(s.Jobs.Count, now.JobsCompleted);
        Assert.Equal(0, now.TransferEnergy.KilowattHours);

        double idleG = 0, idleCost = 0;
        for (var site = 0; site < s.Sites.Count; site++)
            for (var t = 0; t < s.Grid.Count; t++)
            {
                var kwh = s.Sites[site].IdleItPower.Kilowatts * s.Signals.Pue(site, t) * s.Grid.StepHours;
                idleG += kwh * s.Signals.Carbon(site, t).GramsPerKilowattHour;
                idleCost += kwh * s.Signals.Price(site, t).PerMegawattHour / 1000;
            }
        var tolerance = 1e-6 * Math.Max(1, now.Emissions.Grams);
        Assert.Equal(p.BaselineEmissions.Grams, now.Emissions.Grams - idleG, tolerance);
        Assert.Equal(p.BaselineCost.Amount, now.Cost.Amount - idleCost, 1e-6 * Math.Max(1, Math.Abs(now.Cost.Amount)));

        var saved = now.Emissions.Grams - opt.Totals.Emissions.Grams;
        var bound = p.BaselineEmissions.Grams - p.BothEmissions.Grams;
        Assert.True(saved <= bound + tolerance, $"optimal saved {saved:0.###} g, the bound says at most {bound:0.###} g");
        var savedCost = now.Cost.Amount - opt.Totals.Cost.Amount;
        var boundCost = p.BaselineCost.Amount - p.BothCost.Amount;
        Assert.True(savedCost <= boundCost + 1e-6 * Math.Max(1, Math.Abs(now.Cost.Amount)), $"optimal saved {savedCost} in cost, the bound says at most {boundCost}");
    }

    /// <summary>Two or three sites with 64 GPUs each (the jobs need at most 32 together), grid limits of 10 MW, no
    /// on-site output, a single full-power level, PUE constant or rising with temperature, transfers of up to two
    /// steps and 1 kWh; up to eight jobs, each released early enough to finish by its deadline and within the period.</summary>
    private static Scenario Ample(int seed)
    {
        var rng = new Random(seed);
        var steps = 8 + rng.Next(17);
        var b = new ScenarioBuilder(steps, TimeSpan.FromMinutes(rng.Next(2) == 0 ? 15 : 60));
        var ids = Enumerable.Range(0, 2 + rng.Next(2)).Select(i => $"s{i}").ToArray();
        double[] Vals(double lo, double hi) => Enumerable.Range(0, steps).Select(_ => lo + rng.NextDouble() * (hi - lo)).ToArray();
        foreach (var id in ids)
            b.Site(id, 64, 0.05 + rng.NextDouble() * 0.1, 0.3 + rng.NextDouble() * 0.5, 1 + rng.NextDouble() * 0.5, 1e4, Vals(50, 800), Vals(-20, 300),
                temperatureC: rng.Next(2) == 0 ? null : Vals(10, 35));
        var h = b.Grid.StepHours;
        var jobs = 1 + rng.Next(8);
        for (var j = 0; j < jobs; j++)
        {
            var gpus = 1 + rng.Next(4);
            var runtime = 0.1 + rng.NextDouble() * Math.Min(4, steps * h / 2);
            var d = (int)Math.Ceiling(runtime / h - 1e-9);
            var release = rng.Next(steps - d + 1);
            var submit = T0 + b.Grid.Step * release - TimeSpan.FromMinutes(rng.Next(2) == 0 ? 0 : rng.Next(1, (int)(h * 60)));
            if (submit < T0) submit = T0;
            // Due at least a whole-step run after release, at most at the end of the period.
            var latest = release + rng.Next(steps - d - release + 1);
            var deadline = T0 + b.Grid.Step * latest + TimeSpan.FromHours(runtime) + TimeSpan.FromMinutes(rng.Next(2) == 0 ? 0 : 1);
            if (deadline > b.Grid.End) deadline = b.Grid.End;
            var allowed = ids.OrderBy(_ => rng.Next()).Take(1 + rng.Next(ids.Length)).ToArray();
            b.Job($"j{j}", gpus, runtime * gpus, submit, deadline, allowed);
        }
        var transfers = (from a in ids from c in ids where a != c
                         select new SiteTransfer(a, c, b.Grid.Step * rng.Next(3), Energy.FromKilowattHours(rng.NextDouble()))).ToArray();
        return WithTransfers(b.Build(), transfers);
    }
}
