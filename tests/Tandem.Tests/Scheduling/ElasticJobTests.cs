using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Scheduling.Greedy;
using Tandem.Scheduling.Optimal;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Tests.Validation;
using Tandem.Validation;
using Tandem.Workloads;

namespace Tandem.Tests.Scheduling;

/// <summary>Elastic jobs, worked by hand. One site of 8 GPUs at 1 kW each (no idle draw, PUE 1, full power only), two
/// clean hours (100 g/kWh) then four dirty ones (500 g/kWh). One job of 8 GPU-hours, nominally on 2 GPUs, elastic from
/// 2 to 8 with exponent 0.9: on n GPUs it does 2 × (n/2)^0.9 GPU-hours of work an hour.
/// <list type="bullet">
/// <item>n = 2: 4 h, 2 in clean hours and 2 in dirty: 2 kW × (2 h × 100 + 2 h × 500) = 2.4 kg.</item>
/// <item>n = 4: 4 / 2^0.9 = 2.1435 h: 4 kW × (2 h × 100 + 0.1435 h × 500) = 1.0870 kg.</item>
/// <item>n = 8: 4 / 4^0.9 = 4^0.1 = 1.148698 h, all clean: 8 kW × 1.148698 h × 100 g = 0.918959 kg, the optimum.</item>
/// </list></summary>
public class ElasticJobTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;
    private static readonly double[] Intensity = [100, 100, 500, 500, 500, 500];
    private const double EightGpusKg = 8 * 1.148698354997035 * 0.1; // 4^0.1 h at 8 kW and 100 g/kWh
    private const double TwoGpusKg = 2.4;

    private static readonly ElasticScaling TwoToEight = new(2, 8, 0.9);

    private static Scenario Hand() => Hand(TwoToEight);

    private static Scenario Hand(ElasticScaling? elastic) => new ScenarioBuilder(6)
        .Site("A", 8, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6))
        .Job("e", 2, 8, T0, T0.AddHours(6), ["A"], interruptible: true, tier: FlexibilityTier.Relaxed, elastic: elastic)
        .Build();

    [Fact]
    public void Counts_AreMinNominalMaxAndThePowersOfTwoBetween()
    {
        Assert.Equal([2, 4, 8], Hand().Jobs[0].Counts);
        Assert.Equal([3, 4, 6, 8, 16, 24], new ElasticScaling(3, 24, 1).Counts(6));
        Assert.Equal([5], new Job("f", "t", JobKind.Training, 5, 5, T0, T0, T0.AddHours(2), ["A"], false, TimeSpan.Zero, FlexibilityTier.Standard).Counts);
        var job = Hand().Jobs[0];
        Assert.Equal(2, job.Rate(2));
        Assert.Equal(2 * Math.Pow(4, 0.9), job.Rate(8), 12);
    }

    [Theory]
    [InlineData("optimal")]
    [InlineData("greedy")]
    public void Planners_RunTheElasticJobOnEightGpusInTheCleanHours(string policy)
    {
        var s = Hand();
        var run = PlanActLoop.Run(s, PolicyCatalog.Create(policy)!);
        Assert.Empty(run.Violations);
        var start = Assert.Single(run.Commands.OfType<StartJob>());
        Assert.Equal(8, start.Gpus);
        Assert.Equal(T0, start.At);
        Assert.Equal(EightGpusKg, run.Totals.Emissions.Kilograms, 6);
        Assert.Equal(0, run.Totals.DeadlineMisses);
    }

    [Fact]
    public void WithoutElasticity_TheJobRunsOnItsTwoGpus_IntoTheDirtyHours()
    {
        var run = PlanActLoop.Run(Hand(elastic: null), PolicyCatalog.Create("optimal")!);
        Assert.Empty(run.Violations);
        Assert.Null(Assert.Single(run.Commands.OfType<StartJob>()).Gpus);
        Assert.Equal(TwoGpusKg, run.Totals.Emissions.Kilograms, 6);
    }

    [Fact]
    public void OptimalModel_ScoresEachSizeAsWorkedByHand()
    {
        var s = Hand();
        var pb = PlanningProblem.Offline(s, Objective.Emissions);
        double Score(int? gpus) => OptimalPlanner.Score(pb, new Plan(0, 6, 0, 1, [1]) { Starts = { new PlannedStart(0, 0, 0, 0, 0) { Gpus = gpus } } })!.Value;
        Assert.Equal(TwoGpusKg, Score(null), 6);
        Assert.Equal(4 * (2 * 0.1 + (4 / Math.Pow(2, 0.9) - 2) * 0.5), Score(4), 6);
        Assert.Equal(EightGpusKg, Score(8), 6);
    }

    private sealed class Scripted(Action<DecisionContext> act) : IPolicy
    {
        public string Name => "scripted";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) { if (ctx.Fleet.Step == 0) act(ctx); }
    }

    [Fact]
    public void Simulator_RefusesASizeOutsideTheRange_OrAnyOtherSizeForAFixedJob()
    {
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(Hand(new ElasticScaling(2, 6, 0.9)), new Scripted(c => c.Start(0, 0, 0, 0, gpus: 8))));
        Assert.Contains("may run on 2 to 6 GPUs, not 8", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(Hand(elastic: null), new Scripted(c => c.Start(0, 0, 0, 0, gpus: 4))));
        Assert.Contains("not 4 (it is not elastic)", e.Message, StringComparison.Ordinal);
    }

    private static (Scenario S, RunResult Run) EightGpuRun()
    {
        var s = Hand();
        var run = PlanActLoop.Run(s, new Scripted(c => c.Start(0, 0, 0, 0, gpus: 8)));
        Assert.Empty(run.Violations);
        Assert.Equal(EightGpusKg, run.Totals.Emissions.Kilograms, 6);
        Assert.Equal(8, Assert.Single(run.Log.Runs).Gpus);
        return (s, run);
    }

    [Fact]
    public void Validator_ChecksTheLoggedSize_AgainstTheJobsRange()
    {
        var (s, run) = EightGpuRun();
        var log = LogEdit.Copy(s, run.Log, r => r with { Gpus = 16 });
        Assert.Contains(RunValidator.Check(s, log, run.Totals).Violations, v => v.StartsWith("[gpus] job e ran on 16 GPUs", StringComparison.Ordinal));
    }

    /// <summary>The log says 4 GPUs where the run used 8: at 4 the work would not be done by the reported finish
    /// (4^0.1 h), and the energy booked no longer matches the totals.</summary>
    [Fact]
    public void Validator_RecomputesWorkAndEnergy_FromTheLoggedSize()
    {
        var (s, run) = EightGpuRun();
        var findings = RunValidator.Check(s, LogEdit.Copy(s, run.Log, r => r with { Gpus = 4 }), run.Totals).Violations;
        Assert.Contains(findings, v => v.StartsWith("[work] job e is reported done", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, v => v.StartsWith("[gpus]", StringComparison.Ordinal));
    }

    /// <summary>A smaller size is a slowdown, and the tier bounds it as it bounds capping: a standard job (slowdown 1)
    /// of 8 GPUs, elastic down to 2 with exponent 1, runs at a quarter of its speed on 2 GPUs (4 × its runtime, more
    /// than 1 + 1 allows) and at half on 4 (allowed). The planners never pick 2; the simulator refuses it; the
    /// validator flags it in a log.</summary>
    [Fact]
    public void Tier_BoundsTheSlowdownOfASmallerSize()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 8, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6))
            .Job("std", 8, 8, T0, T0.AddHours(6), ["A"], interruptible: true, tier: FlexibilityTier.Standard, elastic: new ElasticScaling(2, 8, 1))
            .Build();
        var pb = PlanningProblem.Offline(s, Objective.Emissions);
        var pool = s.Sites[0].Pools[0];
        Assert.False(pb.LevelAllowed(0, pool, 0, 2));
        Assert.True(pb.LevelAllowed(0, pool, 0, 4));
        foreach (var policy in new[] { "greedy", "optimal", "mpc" })
        {
            var run = PlanActLoop.Run(s, PolicyCatalog.Create(policy)!);
            Assert.Empty(run.Violations);
            Assert.All(run.Commands.OfType<StartJob>(), c => Assert.NotEqual(2, c.Gpus));
        }
        var e = Assert.Throws<PolicyViolationException>(() => PlanActLoop.Run(s, new Scripted(c => c.Start(0, 0, 0, 0, gpus: 2))));
        Assert.Contains("on 2 GPUs runs at 0.25 of full speed", e.Message, StringComparison.Ordinal);
        var ok = PlanActLoop.Run(s, new Scripted(c => c.Start(0, 0, 0, 0, gpus: 4)));
        Assert.Empty(ok.Violations);
        var findings = RunValidator.Check(s, LogEdit.Copy(s, ok.Log, r => r with { Gpus = 2 }), ok.Totals).Violations;
        Assert.Contains(findings, v => v.StartsWith("[tier] job std is standard (slowdown 1) but ran at 0.25 of full speed", StringComparison.Ordinal));
    }

    /// <summary>A deadline two hours out: on its own 2 GPUs the job needs 4 h, on 4 it needs 3 steps (2.14 h), so only
    /// 8 GPUs (1.15 h) meet it. Every coordinating policy, mpc included, starts it on 8 GPUs and finishes on time.</summary>
    [Theory]
    [InlineData("greedy")]
    [InlineData("optimal")]
    [InlineData("mpc")]
    public void ATightDeadline_IsMetOnTheLargestSize(string policy)
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 8, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6))
            .Job("e", 2, 8, T0, T0.AddHours(2), ["A"], interruptible: true, tier: FlexibilityTier.Relaxed, elastic: TwoToEight)
            .Build();
        var run = PlanActLoop.Run(s, PolicyCatalog.Create(policy)!);
        Assert.Empty(run.Violations);
        Assert.Equal(8, Assert.Single(run.Commands.OfType<StartJob>()).Gpus);
        Assert.Equal(0, run.Totals.DeadlineMisses);
    }

    /// <summary>What a planner sees of an elastic job mid-run. Started on 8 GPUs at 00:00, the job holds all 8 while it
    /// runs (a plan made at 01:00 has no GPU free in its first step). Paused at 01:00 after 1 h at 8 GPUs
    /// (2 × 4^0.9 = 6.9644 GPU-h of its 8 done), it has 1.0356 GPU-h left, and resuming costs its 30-minute checkpoint
    /// in wall time whatever the size: on 8 GPUs 1.0356 / 6.9644 h + 0.5 h, at its own size 1.0356 / 2 h + 0.5 h.</summary>
    [Fact]
    public void Planner_SeesARunningJobsSize_AndAPausedJobsCheckpointInWallTime()
    {
        var s = WithCheckpoint();
        PlanningProblem? running = null, paused = null;
        var policy = new Stepwise(ctx =>
        {
            PlanningProblem Now() => PlanningProblem.FromState(ctx.Fleet, Objective.Emissions, PlanningWindow.Actual(s, ctx.Fleet.Step, 2));
            if (ctx.Fleet.Step == 0) ctx.Start(0, 0, 0, 0, gpus: 8);
            if (ctx.Fleet.Step == 1) { running = Now(); ctx.Pause(0); paused = Now(); }
        });
        var run = PlanActLoop.Run(s, policy);
        Assert.Empty(run.Violations);
        Assert.Equal(0, running!.FreeGpus[0][0][0]);
        var rate8 = 2 * Math.Pow(4, 0.9);
        var left = 8 - rate8;
        var pool = s.Sites[0].Pools[0];
        Assert.Equal(left, paused!.WorkLeft(0), 9);
        Assert.Equal(left / rate8 + 0.5, paused.RuntimeHours(0, pool, 0, 8), 9);
        Assert.Equal(left / 2 + 0.5, paused.RuntimeHours(0, pool, 0), 9);
        Assert.Equal(left / 2 + 0.5, paused.FullPowerHours(0), 9);
        // Cut off after one step on 8 GPUs: half of it restores the checkpoint, the other half works.
        Assert.Equal(Math.Max(0, left - rate8 * 0.5), paused.UndoneAfter(0, 8, 1.0, 1), 9);
        Assert.Equal(left - 2 * 0.5, paused.UndoneAfter(0, 2, 1.0, 1), 9);
    }

    /// <summary>Paused after an hour on 4 GPUs and started again in the same step on 8: that is a restart (a new
    /// checkpoint restore), not a change of power level, though the stretches touch on one pool. The simulator charges
    /// the checkpoint and the validator, counting the change of size as a restart, agrees.</summary>
    [Fact]
    public void ResizingInPlace_IsARestart_ForSimulatorAndValidatorAlike()
    {
        var s = WithCheckpoint();
        var run = PlanActLoop.Run(s, new Stepwise(ctx =>
        {
            if (ctx.Fleet.Step == 0) ctx.Start(0, 0, 0, 0, gpus: 4);
            if (ctx.Fleet.Step == 1) { ctx.Pause(0); ctx.Start(0, 0, 0, 0, gpus: 8); }
        }));
        Assert.Empty(run.Violations);
        Assert.Equal([(0, 1, (int?)4), (1, 3, 8)], run.Log.Runs.Select(r => (r.FromStep, r.ToStep, r.Gpus)));
        // 1 h on 4 GPUs does 2 × 2^0.9 GPU-h; the rest takes (8 − that) / (2 × 4^0.9) h after the 0.5 h checkpoint.
        var finish = 1 + 0.5 + (8 - 2 * Math.Pow(2, 0.9)) / (2 * Math.Pow(4, 0.9));
        Assert.Equal(T0.AddHours(finish), run.Log.FinishedAt(0)!.Value, TimeSpan.FromMilliseconds(1));
    }

    /// <summary><see cref="Hand()"/>'s site and job with a 30-minute checkpoint.</summary>
    private static Scenario WithCheckpoint() => new ScenarioBuilder(6)
        .Site("A", 8, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6))
        .Job("e", 2, 8, T0, T0.AddHours(6), ["A"], interruptible: true, overhead: TimeSpan.FromMinutes(30), tier: FlexibilityTier.Relaxed, elastic: TwoToEight)
        .Build();

    private sealed class Stepwise(Action<DecisionContext> act) : IPolicy
    {
        public string Name => "stepwise";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) => act(ctx);
    }
}
