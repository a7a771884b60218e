using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling.RunNow;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Validation;
using Tandem.Workloads;

namespace Tandem.Tests.Validation;

/// <summary>The [tier] rule, tested as <see cref="RunValidatorRuleTests"/> tests every rule: a real, clean run whose log
/// is forged to break the tier on purpose (the simulator would refuse such a run), and the finding that names it.</summary>
public class RunValidatorTierRuleTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;
    private const int Rigid = 0, Standard = 1, RigidInterruptible = 2, Relaxed = 3;
    private const int Full = 4;

    /// <summary>Throughput of each level of the fixture's curve, by index; the last is full power.</summary>
    private static readonly double[] Throughput = [0.4, 0.5, 0.6, 0.8, 1.0];

    /// <summary>One site of 8 GPUs, hourly for 6 h, plenty of grid; a curve at 0.4, 0.5, 0.6, 0.8 and 1.0 of full speed.
    /// Four 2-GPU jobs released at 00:00, so run-now starts all at full power in step 0: "rigid" (1 h), "standard"
    /// (interruptible, 1 h), "rigid-ckpt" (rigid but interruptible, 2 h) and "relaxed" (1 h).</summary>
    private static Scenario Fixture()
    {
        var curve = new PowerCurve(Throughput.Select((t, i) => new PowerLevel(t, t, i == Full ? 1 : t * 0.8)).ToArray());
        return new ScenarioBuilder(6)
            .Site("a", 8, 0.1, 1.0, 1.0, 100, ScenarioBuilder.Repeat(100, 6), ScenarioBuilder.Repeat(50, 6), curve: curve)
            .Job("rigid", 2, 2, T0, T0.AddHours(6), ["a"], tier: FlexibilityTier.Rigid)
            .Job("standard", 2, 2, T0, T0.AddHours(6), ["a"], interruptible: true, tier: FlexibilityTier.Standard)
            .Job("rigid-ckpt", 2, 4, T0, T0.AddHours(6), ["a"], interruptible: true, tier: FlexibilityTier.Rigid)
            .Job("relaxed", 2, 2, T0, T0.AddHours(6), ["a"], tier: FlexibilityTier.Relaxed)
            .Build();
    }

    private static (Scenario Scenario, RunResult Run) CleanRun()
    {
        var scenario = Fixture();
        var run = PlanActLoop.Run(scenario, new RunNowPolicy());
        Assert.Empty(run.Violations);
        Assert.Equal([new JobRun(Rigid, 0, 0, Full, 0, 1), new JobRun(Standard, 0, 0, Full, 0, 1), new JobRun(RigidInterruptible, 0, 0, Full, 0, 2),
            new JobRun(Relaxed, 0, 0, Full, 0, 1)], run.Log.Runs.OrderBy(r => r.Job).ToArray());
        return (scenario, run);
    }

    private static IReadOnlyList<string> TierFindings(Func<JobRun, JobRun?>? run = null, IEnumerable<JobRun>? extra = null)
    {
        var (scenario, clean) = CleanRun();
        var log = LogEdit.Copy(scenario, clean.Log, run, extra: extra);
        return RunValidator.Check(scenario, log, clean.Totals).Violations.Where(v => v.StartsWith("[tier] ", StringComparison.Ordinal)).ToArray();
    }

    [Fact]
    public void CleanRun_HasNoTierFinding() => Assert.Empty(TierFindings());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RigidJobAtACappedLevel_BreaksTier(int level)
    {
        var findings = TierFindings(r => r.Job == Rigid ? r with { Level = level } : r);
        var f = Assert.Single(findings);
        Assert.Contains("job rigid ", f, StringComparison.Ordinal);
    }

    /// <summary>Standard (slowdown 1) may run at half speed or faster: 0.4 is too slow, 0.5 is the bound, 0.6 is fine.
    /// Relaxed (slowdown 3) may run at a quarter of full speed, so 0.4 is fine for it.</summary>
    [Theory]
    [InlineData(Standard, 0, true)]
    [InlineData(Standard, 1, false)]
    [InlineData(Standard, 2, false)]
    [InlineData(Standard, 3, false)]
    [InlineData(Relaxed, 0, false)]
    public void JobBelowItsTiersSpeed_BreaksTier(int job, int level, bool broken)
    {
        var findings = TierFindings(r => r.Job == job ? r with { Level = level } : r);
        if (broken) Assert.Contains($"job {Fixture().Jobs[job].Id} ", Assert.Single(findings), StringComparison.Ordinal);
        else Assert.Empty(findings);
    }

    [Fact]
    public void RigidInterruptibleJobInTwoStretches_BreaksTier()
    {
        var (scenario, clean) = CleanRun();
        var log = LogEdit.Copy(scenario, clean.Log, r => r.Job == RigidInterruptible ? r with { ToStep = 1 } : r,
            extra: [new JobRun(RigidInterruptible, 0, 0, Full, 2, 3)]);
        var violations = RunValidator.Check(scenario, log, clean.Totals).Violations;
        var f = Assert.Single(violations, v => v.StartsWith("[tier] ", StringComparison.Ordinal));
        Assert.Contains("job rigid-ckpt ", f, StringComparison.Ordinal);
        Assert.DoesNotContain(violations, v => v.StartsWith("[interruptible] ", StringComparison.Ordinal)); // it is interruptible
    }

    [Fact]
    public void StandardInterruptibleJobInTwoStretches_IsNoTierFinding() =>
        Assert.Empty(TierFindings(r => r.Job == Standard ? r with { ToStep = 1 } : r, [new JobRun(Standard, 0, 0, Full, 2, 3)]));

    [Fact]
    public void RigidStretchCarryingStraightOn_IsNotAPause() // the same pool in the next step reads as a change of level
        => Assert.Empty(TierFindings(r => r.Job == RigidInterruptible ? r with { ToStep = 1 } : r, [new JobRun(RigidInterruptible, 0, 0, Full, 1, 2)]));
}
