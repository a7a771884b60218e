using Tandem.Scheduling.RunNow;
using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;
using Tandem.Validation;

namespace Tandem.Tests.Validation;

/// <summary>Two hourly steps, one job, one battery, worked out by hand.
/// Site: 2 GPUs at 0.1 kW idle and 0.5 kW busy, PUE 1.5, grid limit 10 kW; solar 1 kW then 0; battery of 2 kWh and
/// 0.5 kW, round trip 81 % (one way 0.9), half full (1 kWh). Job: 2 GPUs, 3 GPU-hours, so 1.5 h at full power.
/// Step 0: IT = 0.2 idle + 2 × 0.4 added = 1.0 kWh; facility 1.5 kWh; solar covers 1.0; the battery gives
///   min(0.5 deficit, 0.5 limit, 1 × 0.9) = 0.5 kWh and keeps 1 − 0.5 / 0.9 = 0.4444 kWh; grid 0.
/// Step 1: the job runs 0.5 h: IT = 0.2 + 0.8 × 0.5 = 0.6 kWh; facility 0.9 kWh; no solar; the battery gives
///   min(0.9, 0.5, 0.4444 × 0.9 = 0.4) = 0.4 kWh and is empty; grid 0.5 kWh.
/// Totals: energy 2.4 kWh = on-site 1.0 + battery 0.9 + grid 0.5; emissions 0.5 × 600 = 300 g; cost 0.5 / 1000 × 200
/// = 0.1 CNY; green 1.0 + 0.9 + 0.5 × 0.5 = 2.15 kWh, share 2.15 / 2.4 = 0.8958333; the job finishes at 1.5 h, 0 h late.</summary>
public class RunValidatorHandWorkedTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    private static Tandem.Scenarios.Scenario Scenario()
    {
        var b = new ScenarioBuilder(2);
        b.Site("a", 2, 0.1, 0.5, 1.5, 10, [400, 600], [100, 200], solarProfile: [1, 0], solarKw: 1, cfe: [0.2, 0.5],
            battery: new Battery(Energy.FromKilowattHours(2), Power.FromKilowatts(0.5), Fraction.Of(0.81), Fraction.Of(0.5)));
        b.Job("j", 2, 3, T0, T0.AddHours(2), ["a"]);
        return b.Build();
    }

    private static RunTotals HandTotals() => new(
        "hand", Energy.FromKilowattHours(2.4), Energy.FromKilowattHours(1.0), Energy.FromKilowattHours(0.9), Energy.FromKilowattHours(0.5),
        Energy.Zero, Emissions.FromGrams(300), null, Money.Of(0.1, Currency.Cny), Fraction.Of(2.15 / 2.4),
        JobsTotal: 1, JobsCompleted: 1, DeadlineMisses: 0, JobsUnfinished: 0, MeanDelayHours: 0, InferenceUnserved: Fraction.Zero, WallSeconds: 0)
    { GreenEnergy = Energy.FromKilowattHours(2.15) };

    private static ExecutionLog HandLog(Tandem.Scenarios.Scenario scenario)
    {
        var log = new ExecutionLog([1], 0, 2);
        log.Open(0, 0, 0, 0, 0, null);
        log.Close(0, 2);
        log.Finish(0, T0.AddHours(1.5));
        return log;
    }

    [Fact]
    public void HandWorkedLogAndTotals_AreClean()
    {
        var scenario = Scenario();
        Assert.Empty(RunValidator.Check(scenario, HandLog(scenario), HandTotals()).Violations);
    }

    [Fact]
    public void Simulator_AgreesWithTheHandWorkedCase()
    {
        var scenario = Scenario();
        var run = PlanActLoop.Run(scenario, new RunNowPolicy());
        Assert.Empty(run.Violations);
        var t = run.Totals;
        Assert.Equal(2.4, t.Energy.KilowattHours, 9);
        Assert.Equal(1.0, t.OnsiteEnergy.KilowattHours, 9);
        Assert.Equal(0.9, t.BatteryEnergy.KilowattHours, 9);
        Assert.Equal(0.5, t.GridEnergy.KilowattHours, 9);
        Assert.Equal(300, t.Emissions.Grams, 6);
        Assert.Equal(0.1, t.Cost.Amount, 9);
        Assert.Equal(2.15 / 2.4, t.GreenShare.Value, 9);
        Assert.Equal(T0.AddHours(1.5), run.Log.FinishedAt(0));
        Assert.Equal([0.5, 0.4], run.Sites[0].BatteryKw.Select(kw => Math.Round(kw, 9)).ToArray()); // discharging is positive
    }

    [Theory]
    [InlineData("emissions")]
    [InlineData("cost")]
    [InlineData("battery")]
    public void HandWorkedTotals_OffBy1e4Relative_AreFound(string which)
    {
        var scenario = Scenario();
        var t = HandTotals();
        var broken = which switch
        {
            "emissions" => t with { Emissions = Emissions.FromGrams(300 * (1 + 1e-4)) },
            "cost" => t with { Cost = Money.Of(0.1 * (1 + 1e-4), Currency.Cny) },
            _ => t with { BatteryEnergy = Energy.FromKilowattHours(0.9 * (1 + 1e-4)) },
        };
        var findings = RunValidator.Check(scenario, HandLog(scenario), broken).Violations;
        Assert.Equal([$"totals-{which}"], findings.Select(f => f[1..f.IndexOf(']')]).ToArray());
    }
}
