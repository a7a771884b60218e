using Tandem.Scheduling.RunNow;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Simulation;

/// <summary>Two sites, three jobs, six hourly steps under run-now, every figure worked out by hand (see the comments).</summary>
public class HandWorkedScenarioTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    private static RunResult Run()
    {
        var s = new ScenarioBuilder(6)
            // Site A: 4 GPUs, idle 0.1 kW, busy 0.5 kW, PUE 1.5, 500 g/kWh, prices 100/100/200/200/100/100 CNY/MWh.
            .Site("A", 4, 0.1, 0.5, 1.5, 100, ScenarioBuilder.Repeat(500, 6), [100, 100, 200, 200, 100, 100])
            // Site B: 2 GPUs, idle 0.05 kW, busy 0.4 kW, PUE 1.2, 300 g/kWh, 50 CNY/MWh, 20 % carbon-free grid, 1 kW solar.
            .Site("B", 2, 0.05, 0.4, 1.2, 100, ScenarioBuilder.Repeat(300, 6), ScenarioBuilder.Repeat(50, 6),
                solarProfile: [0, 0.5, 1, 1, 0.5, 0], solarKw: 1, cfe: ScenarioBuilder.Repeat(0.2, 6))
            .Job("J1", 2, 4, T0, T0.AddHours(6), ["A"])
            .Job("J2", 4, 6, T0, T0.AddHours(3), ["A", "B"])
            .Job("J3", 1, 1.5, T0.AddMinutes(90), T0.AddHours(6), ["B"])
            .Build();
        return PlanActLoop.Run(s, new RunNowPolicy());
    }

    [Fact]
    public void Energy_ByHand()
    {
        var t = Run().Totals;
        // A: J1 on 2 GPUs in steps 0-1: IT 0.4 + 2×0.4 = 1.2 kW → 1.8 kWh each. J2 waits (A has 2 free, B only 2 GPUs),
        // starts at A in step 2: IT 0.4 + 4×0.4 = 2.0 → 3.0 kWh; step 3 half an hour: 0.4 + 0.8 = 1.2 → 1.8 kWh;
        // steps 4-5 idle 0.4 → 0.6 kWh. Sum 9.6 kWh.
        // B: idle 0.1 kW × 1.2 = 0.12 kWh; J3 released at 01:30 starts at 02:00: step 2 IT 0.45 → 0.54 kWh; step 3
        // half an hour: 0.1 + 0.175 = 0.275 → 0.33 kWh. Sum 0.12+0.12+0.54+0.33+0.12+0.12 = 1.35 kWh.
        Assert.Equal(10.95, t.Energy.KilowattHours, 9);
        // Solar at B covers steps 1-4 entirely (0.12, 0.54, 0.33, 0.12); steps 0 and 5 come from the grid.
        Assert.Equal(1.11, t.OnsiteEnergy.KilowattHours, 9);
        Assert.Equal(9.84, t.GridEnergy.KilowattHours, 9);
        // Curtailed: 0.5−0.12, 1−0.54, 1−0.33, 0.5−0.12.
        Assert.Equal(0.38 + 0.46 + 0.67 + 0.38, t.CurtailedEnergy.KilowattHours, 9);
    }

    [Fact]
    public void EmissionsCostAndGreenShare_ByHand()
    {
        var t = Run().Totals;
        Assert.Equal(9.6 * 500 + 0.24 * 300, t.Emissions.Grams, 6);
        // A: (1.8×100 + 1.8×100 + 3.0×200 + 1.8×200 + 0.6×100 + 0.6×100) / 1000; B: 0.24 × 50 / 1000.
        Assert.Equal(1.44 + 0.012, t.Cost.Amount, 9);
        Assert.Equal((1.11 + 0.24 * 0.2) / 10.95, t.GreenShare.Value, 9);
    }

    [Fact]
    public void JobOutcomes_ByHand()
    {
        var t = Run().Totals;
        Assert.Equal(3, t.JobsCompleted);
        // J2 finishes at 03:30, after its 03:00 deadline.
        Assert.Equal(1, t.DeadlineMisses);
        // Delays: J1 0 h; J2 03:30 − 00:00 − 1.5 h = 2 h; J3 03:30 − 01:30 − 1.5 h = 0.5 h.
        Assert.Equal(2.5 / 3, t.MeanDelayHours, 9);
    }
}
