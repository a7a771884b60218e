using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Simulation;

/// <summary>The simulator refuses a command that breaks a job's tier: a power level slower than 1 / (1 + slowdown) of
/// full speed (rigid: anything below full power), at start or later, and pausing a rigid job.</summary>
public class TierViolationTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;
    private const int Rigid = 0, Standard = 1, RigidInterruptible = 2, StandardInterruptible = 3;
    private const int Full = 4;

    /// <summary>A policy that runs a script every step.</summary>
    private sealed class Scripted(Action<DecisionContext> act) : IPolicy
    {
        public string Name => "scripted";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) => act(ctx);
    }

    /// <summary>One site of 8 GPUs, hourly for 8 h, plenty of grid; a curve at 0.4, 0.5, 0.6, 0.8 and 1.0 of full speed.
    /// Four 2-GPU jobs of 3 h at full power, released at 00:00 and due at the end: rigid, standard, rigid but
    /// interruptible, standard and interruptible.</summary>
    private static Scenario Fixture()
    {
        double[] speeds = [0.4, 0.5, 0.6, 0.8, 1.0];
        var curve = new PowerCurve(speeds.Select((t, i) => new PowerLevel(t, t, i == Full ? 1 : t * 0.8)).ToArray());
        return new ScenarioBuilder(8)
            .Site("a", 8, 0.1, 1.0, 1.0, 100, ScenarioBuilder.Repeat(100, 8), ScenarioBuilder.Repeat(50, 8), curve: curve)
            .Job("rigid", 2, 6, T0, T0.AddHours(8), ["a"], tier: FlexibilityTier.Rigid)
            .Job("standard", 2, 6, T0, T0.AddHours(8), ["a"], tier: FlexibilityTier.Standard)
            .Job("rigid-ckpt", 2, 6, T0, T0.AddHours(8), ["a"], interruptible: true, tier: FlexibilityTier.Rigid)
            .Job("standard-ckpt", 2, 6, T0, T0.AddHours(8), ["a"], interruptible: true, tier: FlexibilityTier.Standard)
            .Build();
    }

    /// <summary>Runs a script issuing <paramref name="atStep0"/> in step 0 and <paramref name="atStep1"/> in step 1.</summary>
    private static RunResult Run(Action<DecisionContext> atStep0, Action<DecisionContext>? atStep1 = null) =>
        PlanActLoop.Run(Fixture(), new Scripted(ctx =>
        {
            if (ctx.Fleet.Step == 0) atStep0(ctx);
            if (ctx.Fleet.Step == 1) atStep1?.Invoke(ctx);
        }));

    private static void AssertRefused(string jobId, Action<DecisionContext> atStep0, Action<DecisionContext>? atStep1 = null)
    {
        var e = Assert.Throws<PolicyViolationException>(() => Run(atStep0, atStep1));
        Assert.Contains($"job {jobId} ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StartingARigidJobCapped_IsRejected(int level) => AssertRefused("rigid", c => c.Start(Rigid, 0, 0, level));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void LoweringARunningRigidJob_IsRejected(int level) =>
        AssertRefused("rigid", c => c.Start(Rigid, 0, 0, Full), c => c.SetLevel(Rigid, level));

    [Fact]
    public void StartingAStandardJobBelowHalfSpeed_IsRejected() => AssertRefused("standard", c => c.Start(Standard, 0, 0, 0));

    [Fact]
    public void LoweringAStandardJobBelowHalfSpeed_IsRejected() =>
        AssertRefused("standard", c => c.Start(Standard, 0, 0, 2), c => c.SetLevel(Standard, 0));

    [Fact]
    public void PausingARunningRigidInterruptibleJob_IsRejected()
    {
        var e = Assert.Throws<PolicyViolationException>(() => Run(c => c.Start(RigidInterruptible, 0, 0, Full), c => c.Pause(RigidInterruptible)));
        Assert.Contains("job rigid-ckpt ", e.Message, StringComparison.Ordinal);
        Assert.Contains("may not be paused", e.Message, StringComparison.Ordinal);
    }

    /// <summary>What the tiers allow runs, and the validator agrees: rigid at full power; standard at 0.5 (the bound),
    /// raised to 0.6 and then to full power; standard interruptible paused in step 1 and resumed at 0.6 in step 2.</summary>
    [Fact]
    public void WhatTheTiersAllow_Runs_AndTheValidatorFindsNothing()
    {
        var r = PlanActLoop.Run(Fixture(), new Scripted(c =>
        {
            switch (c.Fleet.Step)
            {
                case 0:
                    c.Start(Rigid, 0, 0, Full);
                    c.Start(Standard, 0, 0, 1);
                    c.Start(StandardInterruptible, 0, 0, Full);
                    break;
                case 1:
                    c.SetLevel(Standard, 2);
                    c.Pause(StandardInterruptible);
                    break;
                case 2:
                    c.SetLevel(Standard, Full);
                    c.Start(StandardInterruptible, 0, 0, 2);
                    break;
            }
        }));
        Assert.Empty(r.Violations);
        Assert.Contains(r.Log.Runs, x => x.Job == Standard && x.Level == 1);
        Assert.Equal(2, r.Log.Runs.Count(x => x.Job == StandardInterruptible));
    }
}
