using Tandem.Fleet;
using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Simulation;

/// <summary>A job started and paused within the same step never ran: resuming it restores no checkpoint. One site,
/// one job of 2 GPU-hours on 2 GPUs with a 30-minute checkpoint overhead: started and paused at 00:00, started again
/// at 01:00, it runs one hour and finishes at 02:00 (not 02:30), and the validator, which sees one stretch from 01:00,
/// agrees. (mpc did this when it paused a job it had just started to make room for an urgent one.)</summary>
public class StartThenPauseTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    private sealed class Scripted : IPolicy
    {
        public string Name => "scripted";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx)
        {
            if (ctx.Fleet.Step == 0) { ctx.Start(0, 0, 0, 0); ctx.Pause(0); }
            if (ctx.Fleet.Step == 1) ctx.Start(0, 0, 0, 0);
        }
    }

    /// <summary>One site of 2 GPUs at 1 kW, 100 g/kWh, four hours; one interruptible job on both GPUs with a
    /// 30-minute checkpoint.</summary>
    private static Tandem.Scenarios.Scenario OneJob(double workGpuHours) => new ScenarioBuilder(4)
        .Site("A", 2, 0, 1, 1.0, 100, ScenarioBuilder.Repeat(100, 4), ScenarioBuilder.Repeat(0, 4))
        .Job("j", 2, workGpuHours, T0, T0.AddHours(4), ["A"], interruptible: true, overhead: TimeSpan.FromMinutes(30), tier: FlexibilityTier.Relaxed)
        .Build();

    [Fact]
    public void StartAndPauseInOneStep_CostsNoCheckpointOnResume()
    {
        var s = OneJob(workGpuHours: 2);
        var run = PlanActLoop.Run(s, new Scripted());
        Assert.Empty(run.Violations);
        Assert.Equal(T0.AddHours(2), run.Log.FinishedAt(0));
        Assert.Equal(0.2, run.Totals.Emissions.Kilograms, 9); // 2 GPUs × 1 kW × 1 h × 100 g/kWh
    }

    private sealed class Churn : IPolicy
    {
        public string Name => "churn";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx)
        {
            if (ctx.Fleet.Step == 0) ctx.Start(0, 0, 0, 0);
            if (ctx.Fleet.Step == 1) ctx.Pause(0);
            if (ctx.Fleet.Step == 2) { ctx.Start(0, 0, 0, 0); ctx.Pause(0); ctx.Start(0, 0, 0, 0); }
        }
    }

    /// <summary>Run an hour, paused, then at 02:00 started, paused and started again within the step: one resume, one
    /// checkpoint (30 min), so the second GPU-hour ends at 03:30. (mpc made room this way for jobs it then made room
    /// from, and the simulator charged the checkpoint twice while the validator, seeing one stretch, charged it once.)</summary>
    [Fact]
    public void StartPauseStartInOneStep_CostsOneCheckpoint()
    {
        var s = OneJob(workGpuHours: 4);
        var run = PlanActLoop.Run(s, new Churn());
        Assert.Empty(run.Violations);
        Assert.Equal(T0.AddHours(3.5), run.Log.FinishedAt(0));
    }

    /// <summary>Paused at 02:00 after two hours and started again in the same step on the same pool: the log shows two
    /// touching stretches, which read as a change of power level, and nothing was restored, so no checkpoint: 6 GPU-hours
    /// on 2 GPUs end at 03:00.</summary>
    [Fact]
    public void PauseThenStartInOneStep_OnTheSamePool_CarriesOn()
    {
        var run = PlanActLoop.Run(OneJob(workGpuHours: 6), new Script((t, c) =>
        {
            if (t == 0) c.Start(0, 0, 0, 0);
            if (t == 2) { c.Pause(0); c.Start(0, 0, 0, 0); }
        }));
        Assert.Empty(run.Violations);
        Assert.Equal(T0.AddHours(3), run.Log.FinishedAt(0));
    }

    private static readonly PowerCurve TwoLevels = new([new PowerLevel(0.6, 0.8, 0.55), new PowerLevel(1, 1, 1)]);

    /// <summary>One site with two pools of 4 GPUs (two power levels each), 10 hourly or 32 quarter-hour steps, one or
    /// two interruptible jobs on 2 GPUs (sometimes elastic from 1 to 4) with a checkpoint of 0 to 90 minutes.</summary>
    private static Tandem.Scenarios.Scenario TwoPools(Random rng, out int jobs, out bool elastic)
    {
        var quarter = rng.Next(2) == 0;
        var steps = quarter ? 32 : 10;
        jobs = 1 + rng.Next(2);
        elastic = rng.Next(3) == 0;
        var b = new ScenarioBuilder(steps, quarter ? TimeSpan.FromMinutes(15) : null)
            .Site("A", 4, 0, 1, 1.0, 100, ScenarioBuilder.Repeat(100, steps), ScenarioBuilder.Repeat(0, steps), curve: TwoLevels);
        var overhead = TimeSpan.FromMinutes(new[] { 0, 20, 30, 90 }[rng.Next(4)]);
        for (var j = 0; j < jobs; j++)
            b.Job($"j{j}", 2, 1 + rng.NextDouble() * 8, T0, T0.AddHours(steps), ["A"], interruptible: true, overhead: overhead,
                tier: FlexibilityTier.Relaxed, elastic: elastic ? new ElasticScaling(1, 4, 0.9) : null);
        var s = b.Build();
        var a = s.Sites[0];
        var p = a.Pools[0];
        GpuPool Pool(string id) => new(id, "test", 4, p.IdlePowerPerGpu, p.MaxPowerPerGpu, TwoLevels);
        return s with { Fleet = new FleetLayout([new Site(a.Id, a.Name, a.TimeZone, [Pool("p"), Pool("q")], a.Pue, a.GridLimit, a.Solar, a.Wind, a.Battery, a.GridZone)], []) };
    }

    /// <summary>Random valid scripts of starts (on either pool, at either level, at any allowed size), pauses and
    /// changes of level, several within a step: the simulator's finish times and totals always agree with the
    /// validator's replay of the log (the review's fuzzer found pause-then-start on one pool failing in 158 of 600).</summary>
    [Fact]
    public void RandomStartPauseScripts_AgreeWithTheValidator()
    {
        var failed = new List<string>();
        for (var seed = 0; seed < 300 && failed.Count < 5; seed++)
        {
            var rng = new Random(seed);
            var s = TwoPools(rng, out var jobs, out var elastic);
            var run = PlanActLoop.Run(s, new Script((_, c) =>
            {
                for (var a = rng.Next(4); a > 0; a--)
                {
                    var j = rng.Next(jobs);
                    var status = c.Fleet.Status(j);
                    if (status is JobStatus.Pending or JobStatus.Paused)
                    {
                        var pool = rng.Next(2);
                        int? gpus = elastic ? 1 + rng.Next(4) : null;
                        if (c.Fleet.FreeGpus(0, pool) >= (gpus ?? 2)) c.Start(j, 0, pool, rng.Next(2), gpus: gpus);
                    }
                    else if (status == JobStatus.Running)
                    {
                        if (rng.Next(2) == 0) c.Pause(j);
                        else c.SetLevel(j, rng.Next(2));
                    }
                }
            }));
            if (run.Violations.Count > 0) failed.Add($"seed {seed}: {run.Violations[0]}");
        }
        Assert.Empty(failed);
    }

    private sealed class Script(Action<int, DecisionContext> act) : IPolicy
    {
        public string Name => "script";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext ctx) => act(ctx.Fleet.Step, ctx);
    }
}
