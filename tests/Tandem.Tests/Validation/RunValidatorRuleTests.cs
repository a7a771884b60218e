using Tandem.Scheduling.RunNow;
using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;
using Tandem.Validation;

namespace Tandem.Tests.Validation;

/// <summary>One test per rule: a real, clean run whose log, traces or totals have exactly one thing broken, and the
/// finding that names that rule.</summary>
public class RunValidatorRuleTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;
    private const int J0 = 0, J1 = 1, J2 = 2, J3 = 3;

    /// <summary>Two sites of 4 GPUs, hourly for 8 h. Site a has solar and a battery and serves 0.5 GPUs of online
    /// demand; j0 (3 GPUs, 1.5 h, a only, rigid in form: not interruptible) runs [0, 2); j1 (3 GPUs, 1.5 h, a or b,
    /// interruptible with a 45-minute checkpoint) finds a full and runs at b [0, 2); j2 (3 GPUs, 1 h, a only) waits for
    /// j0 and runs [2, 3); j3 (2 GPUs, 0.5 h, b only) is released at 3 h and runs [3, 4).</summary>
    private static Scenario Fixture()
    {
        var b = new ScenarioBuilder(8);
        var curve = new PowerCurve([new PowerLevel(0.6, 0.8, 0.55), new PowerLevel(1, 1, 1)]);
        b.Site("a", 4, 0.1, 0.5, 1.2, 10, [300, 320, 280, 250, 200, 210, 350, 400], [90, 95, 80, 60, 50, 55, 120, 130],
            [0, 0, 0.2, 0.5, 1, 1, 0.5, 0], 4, [0.1, 0.1, 0.3, 0.5, 0.6, 0.6, 0.2, 0.1],
            new Battery(Energy.FromKilowattHours(2), Power.FromKilowatts(1), Fraction.Of(0.81), Fraction.Of(0.5)), curve);
        b.Site("b", 4, 0.1, 0.5, 1.3, 10, ScenarioBuilder.Repeat(500, 8), ScenarioBuilder.Repeat(70, 8), cfe: ScenarioBuilder.Repeat(0.3, 8));
        b.Job("j0", 3, 4.5, T0, T0.AddHours(6), ["a"]);
        b.Job("j1", 3, 4.5, T0, T0.AddHours(6), ["a", "b"], interruptible: true, overhead: TimeSpan.FromMinutes(45));
        b.Job("j2", 3, 3, T0, T0.AddHours(6), ["a"]);
        b.Job("j3", 2, 1, T0.AddHours(3), T0.AddHours(8), ["b"]);
        b.Inference("r", ScenarioBuilder.Repeat(0.5, 8), "a");
        return b.Build();
    }

    private static (Scenario Scenario, RunResult Run) CleanRun()
    {
        var scenario = Fixture();
        var run = PlanActLoop.Run(scenario, new RunNowPolicy());
        Assert.Empty(run.Violations);
        Assert.Equal([new JobRun(J0, 0, 0, 1, 0, 2), new JobRun(J1, 1, 0, 0, 0, 2), new JobRun(J2, 0, 0, 1, 2, 3), new JobRun(J3, 1, 0, 0, 3, 4)],
            run.Log.Runs.OrderBy(r => r.Job).ToArray());
        Assert.True(run.Totals.BatteryEnergy.KilowattHours > 0 && run.Totals.CurtailedEnergy.KilowattHours > 0, "the fixture uses its battery and curtails");
        return (scenario, run);
    }

    private static void AssertFinding(string rule, (IReadOnlyList<string> Violations, IReadOnlyList<string> FirmLate) result) =>
        Assert.True(result.Violations.Any(v => v.StartsWith($"[{rule}] ", StringComparison.Ordinal)),
            $"expected a [{rule}] finding, got: {string.Join("; ", result.Violations)}");

    private static void BrokenLog(string rule, Func<JobRun, JobRun?>? run = null, Func<int, DateTimeOffset?, DateTimeOffset?>? finish = null,
        Func<int, int, int, int, double, double>? served = null, IEnumerable<JobRun>? extra = null)
    {
        var (scenario, clean) = CleanRun();
        var log = LogEdit.Copy(scenario, clean.Log, run, finish, served, extra);
        AssertFinding(rule, RunValidator.Check(scenario, log, clean.Totals));
    }

    private static void BrokenTraces(string rule, Action<Scenario, IReadOnlyList<SiteTrace>> breakIt)
    {
        var (scenario, clean) = CleanRun();
        breakIt(scenario, clean.Sites);
        AssertFinding(rule, RunValidator.Check(scenario, clean.Log, clean.Totals, clean.Sites));
    }

    private static void BrokenTotals(string rule, Func<RunTotals, RunTotals> breakIt)
    {
        var (scenario, clean) = CleanRun();
        AssertFinding(rule, RunValidator.Check(scenario, clean.Log, breakIt(clean.Totals), clean.Sites));
    }

    private static double Off(double x) => x * (1 + 1e-4) + 1e-4;

    [Fact]
    public void CopiedLog_IsClean() // the editor itself breaks nothing
    {
        var (scenario, clean) = CleanRun();
        Assert.Empty(RunValidator.Check(scenario, LogEdit.Copy(scenario, clean.Log), clean.Totals, clean.Sites).Violations);
    }

    [Fact]
    public void AJobRunningAfterItsWithdrawal_BreaksWithdrawn()
    {
        // j2 ran [2 h, 3 h); the world says its owner withdrew it at 2 h 30.
        var (scenario, clean) = CleanRun();
        var world = scenario with { Jobs = scenario.Jobs.Select((j, i) => i == J2 ? j with { WithdrawnAt = T0.AddHours(2.5) } : j).ToArray() };
        AssertFinding("withdrawn", RunValidator.Check(world, clean.Log, clean.Totals));
        // Withdrawn at the end of its stretch, it broke nothing about the withdrawal.
        var atEnd = scenario with { Jobs = scenario.Jobs.Select((j, i) => i == J2 ? j with { WithdrawnAt = T0.AddHours(3) } : j).ToArray() };
        Assert.DoesNotContain(RunValidator.Check(atEnd, clean.Log, clean.Totals).Violations, v => v.StartsWith("[withdrawn]", StringComparison.Ordinal));
    }

    [Fact]
    public void StretchAtDisallowedSite_BreaksResidency() => BrokenLog("residency", run: r => r.Job == J0 ? r with { Site = 1, Level = 0 } : r);

    [Fact]
    public void StretchBeforeRelease_BreaksRelease() => BrokenLog("release", run: r => r.Job == J3 ? r with { FromStep = 1, ToStep = 2 } : r);

    [Fact]
    public void UninterruptibleJobInTwoStretches_BreaksInterruptible() =>
        BrokenLog("interruptible", run: r => r.Job == J0 ? r with { ToStep = 1 } : r, extra: [new JobRun(J0, 0, 0, 1, 3, 4)]);

    [Fact]
    public void MissingPowerLevel_BreaksStretch() => BrokenLog("stretch", run: r => r.Job == J0 ? r with { Level = 5 } : r);

    [Fact]
    public void OverfilledPool_BreaksPoolAndSiteCapacity()
    {
        BrokenLog("pool-capacity", run: r => r.Job == J2 ? r with { FromStep = 0, ToStep = 1 } : r);
        BrokenLog("site-capacity", run: r => r.Job == J2 ? r with { FromStep = 0, ToStep = 1 } : r);
    }

    [Fact]
    public void ServiceOutsideLatencyRule_BreaksLatency() =>
        BrokenLog("latency", served: (r, s, p, t, load) => s == 1 ? 0.5 : 0);

    [Fact]
    public void ServiceAboveDemand_BreaksDemand() => BrokenLog("demand", served: (r, s, p, t, load) => t == 0 ? load + 0.1 : load);

    [Fact]
    public void DoneWithoutResumeOverhead_BreaksWork() // j1 paused for a step: the 45-minute checkpoint leaves it short
        => BrokenLog("work", run: r => r.Job == J1 ? r with { ToStep = 1 } : r, finish: (j, at) => j == J1 ? T0.AddHours(2.5) : at,
            extra: [new JobRun(J1, 1, 0, 0, 2, 3)]);

    [Fact]
    public void RunningAfterDone_BreaksWork() => BrokenLog("work", run: r => r.Job == J0 ? r with { ToStep = 4 } : r);

    [Fact]
    public void WorkDoneButNotReported_BreaksWork() => BrokenLog("work", finish: (j, at) => j == J0 ? null : at);

    [Fact]
    public void DoneButNeverRan_BreaksWork() => BrokenLog("work", run: r => r.Job == J0 ? null : r);

    [Fact]
    public void WrongFinishTime_BreaksFinishTime() => BrokenLog("finish-time", finish: (j, at) => j == J0 ? at!.Value.AddMinutes(10) : at);

    [Fact]
    public void RaisedPowerLevel_BreaksGridLimit()
    {
        // One site of 4 GPUs (0.1 kW idle, 1 kW max), PUE 1, grid limit 3 kW, no solar: a 4-GPU job at level 0 (half
        // power) draws 0.4 + 4 × (0.5 − 0.1) = 2.0 kW; raised to full power it draws 0.4 + 4 × 0.9 = 4.0 kW.
        var b = new ScenarioBuilder(2);
        b.Site("g", 4, 0.1, 1.0, 1.0, 3, [100, 100], [50, 50], curve: new PowerCurve([new PowerLevel(0.5, 0.7, 0.5), new PowerLevel(1, 1, 1)]));
        b.Job("j", 4, 5.6, T0, T0.AddHours(2), ["g"]); // 2 h at level 0 (4 × 0.7 GPU-h per hour), 1.4 h at full power
        var scenario = b.Build();
        var run = PlanActLoop.Run(scenario, new RunNowPolicy()); // starts nothing: full power would break the limit
        Assert.Empty(run.Log.Runs);
        var atHalf = LogEdit.Copy(scenario, run.Log, finish: (_, _) => T0.AddHours(2), extra: [new JobRun(0, 0, 0, 0, 0, 2)]);
        Assert.DoesNotContain(RunValidator.Check(scenario, atHalf, run.Totals).Violations, v => v.StartsWith("[grid-limit]"));
        var raised = LogEdit.Copy(scenario, atHalf, r => r with { Level = 1 }, (_, _) => T0.AddHours(1.4));
        AssertFinding("grid-limit", RunValidator.Check(scenario, raised, run.Totals));
    }

    [Fact]
    public void OnsiteAboveGeneration_BreaksOnsiteGeneration() =>
        BrokenTraces("onsite-generation", (sc, tr) => tr[0].OnsiteKw[1] = sc.Signals.Generation(0, 1).Kilowatts + 0.5);

    [Fact]
    public void BatteryBeyondPowerLimit_BreaksBatteryPower() => BrokenTraces("battery-power", (_, tr) => tr[0].BatteryKw[0] = 1.5);

    [Fact]
    public void BatteryDrainedBelowEmpty_BreaksBatteryCharge() => BrokenTraces("battery-charge", (_, tr) => Array.Fill(tr[0].BatteryKw, 1.0));

    [Fact]
    public void TracedFacilityPower_IsComparedWithTheLog() => BrokenTraces("trace-facility", (_, tr) => tr[1].FacilityKw[0] *= 1.0001);

    [Fact]
    public void TracedGridImport_IsComparedWithTheLog() => BrokenTraces("trace-grid", (_, tr) => tr[0].GridKw[1] += 0.01);

    [Fact]
    public void TracedOnsiteUse_IsComparedWithTheLog() => BrokenTraces("trace-onsite", (_, tr) => tr[0].OnsiteKw[3] -= 0.01); // 2 kW of solar then

    [Fact]
    public void TracedBatteryPower_IsComparedWithTheLog() => BrokenTraces("trace-battery", (_, tr) => tr[0].BatteryKw[2] += 0.01);

    [Fact]
    public void TracedBusyGpus_AreComparedWithTheLog() => BrokenTraces("trace-busy", (_, tr) => tr[1].BusyGpus[0] += 1);

    [Fact] public void Emissions_AreRecomputed() => BrokenTotals("totals-emissions", t => t with { Emissions = Emissions.FromGrams(Off(t.Emissions.Grams)) });
    [Fact] public void MarginalEmissions_AreRecomputed() => BrokenTotals("totals-marginal", t => t with { MarginalEmissions = t.Emissions });
    [Fact] public void Cost_IsRecomputed() => BrokenTotals("totals-cost", t => t with { Cost = Money.Of(Off(t.Cost.Amount), t.Cost.Currency) });
    [Fact] public void GreenShare_IsRecomputed() => BrokenTotals("totals-green-share", t => t with { GreenShare = Fraction.Of(t.GreenShare.Value * (1 - 1e-4)) });
    [Fact] public void GreenEnergy_IsRecomputed() => BrokenTotals("totals-green", t => t with { GreenEnergy = Energy.FromKilowattHours(Off(t.GreenEnergy.KilowattHours)) });
    [Fact] public void Energy_IsRecomputed() => BrokenTotals("totals-energy", t => t with { Energy = Energy.FromKilowattHours(Off(t.Energy.KilowattHours)) });
    [Fact] public void OnsiteEnergy_IsRecomputed() => BrokenTotals("totals-onsite", t => t with { OnsiteEnergy = Energy.FromKilowattHours(Off(t.OnsiteEnergy.KilowattHours)) });
    [Fact] public void BatteryEnergy_IsRecomputed() => BrokenTotals("totals-battery", t => t with { BatteryEnergy = Energy.FromKilowattHours(Off(t.BatteryEnergy.KilowattHours)) });
    [Fact] public void GridEnergy_IsRecomputed() => BrokenTotals("totals-grid", t => t with { GridEnergy = Energy.FromKilowattHours(Off(t.GridEnergy.KilowattHours)) });
    [Fact] public void CurtailedEnergy_IsRecomputed() => BrokenTotals("totals-curtailed", t => t with { CurtailedEnergy = Energy.FromKilowattHours(Off(t.CurtailedEnergy.KilowattHours)) });
    [Fact] public void TransferEnergy_IsRecomputed() => BrokenTotals("totals-transfer", t => t with { TransferEnergy = Energy.FromKilowattHours(Off(t.TransferEnergy.KilowattHours)) });
    [Fact] public void JobOutcomes_AreRecomputed() => BrokenTotals("totals-jobs", t => t with { JobsCompleted = t.JobsCompleted - 1 });
    [Fact] public void MeanDelay_IsRecomputed() => BrokenTotals("totals-delay", t => t with { MeanDelayHours = Off(t.MeanDelayHours) });
    [Fact] public void UnfinishedWork_IsRecomputed() => BrokenTotals("totals-unfinished-work", t => t with { UnfinishedWorkGpuHours = Off(t.UnfinishedWorkGpuHours) });
    [Fact] public void UnservedDemand_IsRecomputed() => BrokenTotals("totals-inference", t => t with { InferenceUnservedGpuHours = Off(t.InferenceUnservedGpuHours) });
}
