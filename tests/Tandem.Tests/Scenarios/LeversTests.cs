using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Scenarios;

/// <summary>Turning levers off: what <see cref="LeverSwitches.WithLevers"/> does to a scenario, and what the planners
/// then do (each lever is first shown to be pulled when on, so that its absence proves something).</summary>
public class LeversTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    /// <summary>Two sites of 64 GPUs (nothing binds), hourly for two days, both on the four-level curve (capping pays).
    /// "home": each day 800 g/kWh for six hours, then 100. "away": 400 throughout. The jobs arrive on the second day,
    /// so that mpc's seasonal-naive forecast has seen a day. Relaxed jobs (2 h, released in its first four hours, due
    /// 9 h later) do best waiting for home's clean hours (time); standard jobs released at its start (2 h, due 5 h
    /// later) cannot wait that long and do best away at 400 (place), capped (capping). Every job may run at both
    /// sites, home first; no transfer cost.</summary>
    private static Scenario Fixture()
    {
        const int steps = 48;
        var day2 = T0.AddHours(24);
        var b = new ScenarioBuilder(steps)
            .Site("home", 64, 0.05, 0.5, 1.2, 1e4, Enumerable.Range(0, steps).Select(t => t % 24 < 6 ? 800.0 : 100).ToArray(), ScenarioBuilder.Repeat(50, steps), curve: TieredScenarios.Capped)
            .Site("away", 64, 0.05, 0.5, 1.2, 1e4, ScenarioBuilder.Repeat(400, steps), ScenarioBuilder.Repeat(50, steps), curve: TieredScenarios.Capped);
        for (var i = 0; i < 6; i++)
        {
            var release = day2.AddHours(i % 4);
            b.Job($"relaxed{i}", 1 + i % 2, 2 * (1 + i % 2), release, release.AddHours(2 * 4 + 1), ["home", "away"], tier: FlexibilityTier.Relaxed);
        }
        for (var i = 0; i < 3; i++)
            b.Job($"standard{i}", 2, 4, day2, day2.AddHours(2 * 2 + 1), ["home", "away"], tier: FlexibilityTier.Standard);
        b.Job("rigid", 1, 1, day2.AddHours(1), day2.AddHours(3), ["home", "away"], tier: FlexibilityTier.Rigid);
        return b.Build();
    }

    private static int ReleaseStep(Scenario s, int j) => s.Grid.CeilingIndex(s.Jobs[j].EarliestStart);

    private static int FirstStep(RunResult r, int j) => r.Log.Runs.Where(x => x.Job == j).Min(x => x.FromStep);

    private static RunResult Run(Scenario s, string policy)
    {
        var r = PlanActLoop.Run(s, PolicyCatalog.Create(policy)!);
        Assert.True(r.Violations.Count == 0, $"{policy}: {string.Join("; ", r.Violations)}");
        for (var j = 0; j < s.Jobs.Count; j++) Assert.True(r.Log.Runs.Any(x => x.Job == j), $"{policy}: job {s.Jobs[j].Id} never ran");
        return r;
    }

    [Fact]
    public void CappingOff_LeavesEachPoolItsFullPowerLevelOnly()
    {
        var s = Fixture();
        var off = s.WithLevers(Levers.Time | Levers.Place);
        Assert.Equal(Levers.Time | Levers.Place, off.Levers);
        for (var site = 0; site < s.Sites.Count; site++)
            for (var p = 0; p < s.Sites[site].Pools.Count; p++)
            {
                var before = s.Sites[site].Pools[p];
                var after = off.Sites[site].Pools[p];
                Assert.Equal(before.Curve.Levels[^1], Assert.Single(after.Curve.Levels));
                Assert.Equal((before.Id, before.Count, before.IdlePowerPerGpu, before.MaxPowerPerGpu), (after.Id, after.Count, after.IdlePowerPerGpu, after.MaxPowerPerGpu));
            }
        Assert.Equal(s.Sites.Select(x => (x.Id, x.GridLimit, x.Pue)), off.Sites.Select(x => (x.Id, x.GridLimit, x.Pue)));
        Assert.Equal(s.Jobs, off.Jobs); // place is still on
    }

    /// <summary>Scaling off makes an elastic job one of its own size; place off keeps a job elastic.</summary>
    [Fact]
    public void ScalingOff_MakesElasticJobsFixed_AndPlaceOffKeepsThemElastic()
    {
        var s = Fixture();
        var elastic = new Tandem.Workloads.ElasticScaling(1, 16, 0.9);
        s = s with { Jobs = s.Jobs.Select(j => j with { Elastic = elastic }).ToArray() };
        Assert.All(s.WithLevers(Levers.All & ~Levers.Scaling).Jobs, j => Assert.Null(j.Elastic));
        Assert.All(s.WithLevers(Levers.All & ~Levers.Place).Jobs, j => Assert.Equal(elastic, j.Elastic));
        Assert.Equal(s.Jobs, s.WithLevers(Levers.All).Jobs);
    }

    [Fact]
    public void PlaceOff_LeavesEachJobItsHomeSiteOnly()
    {
        var s = Fixture();
        var off = s.WithLevers(Levers.Capping | Levers.Time);
        Assert.Equal(s.Jobs.Count, off.Jobs.Count);
        for (var j = 0; j < s.Jobs.Count; j++)
        {
            var (a, b) = (s.Jobs[j], off.Jobs[j]);
            Assert.Equal(new[] { a.AllowedSites[0] }, b.AllowedSites);
            Assert.Equal((a.Id, a.Gpus, a.WorkGpuHours, a.Submit, a.EarliestStart, a.Deadline, a.Interruptible, a.CheckpointOverhead, a.Tier),
                (b.Id, b.Gpus, b.WorkGpuHours, b.Submit, b.EarliestStart, b.Deadline, b.Interruptible, b.CheckpointOverhead, b.Tier));
        }
        Assert.Equal(4, off.Sites[0].Pools[0].Curve.Levels.Count); // capping is still on
    }

    [Fact]
    public void WithLevers_LeavesTheOriginalUnchanged()
    {
        var s = Fixture();
        var none = s.WithLevers(Levers.None);
        Assert.Equal(Levers.None, none.Levers);
        Assert.Equal(Levers.All, s.Levers);
        Assert.All(s.Sites, site => Assert.Equal(4, site.Pools[0].Curve.Levels.Count));
        Assert.All(s.Jobs, job => Assert.Equal(new[] { "home", "away" }, job.AllowedSites));
        Assert.All(none.Sites, site => Assert.Single(site.Pools[0].Curve.Levels));
        Assert.All(none.Jobs, job => Assert.Equal(new[] { "home" }, job.AllowedSites));
    }

    [Fact]
    public void TimeShifting_IsUsedWhenTheTimeLeverIsOn() // the control for the test below
    {
        var s = Fixture();
        foreach (var policy in new[] { "greedy", "optimal", "mpc" })
        {
            var r = Run(s, policy);
            Assert.True(Enumerable.Range(0, s.Jobs.Count).Any(j => FirstStep(r, j) > ReleaseStep(s, j)), $"{policy} started every job on release with time on");
        }
    }

    [Theory]
    [InlineData("greedy")]
    [InlineData("optimal")]
    [InlineData("mpc")]
    [InlineData("wait-awhile")]
    public void TimeOff_EveryJobStartsAtItsRelease(string policy)
    {
        var s = Fixture().WithLevers(Levers.Capping | Levers.Place);
        var r = Run(s, policy);
        for (var j = 0; j < s.Jobs.Count; j++)
            Assert.True(FirstStep(r, j) == ReleaseStep(s, j), $"{policy}: job {s.Jobs[j].Id} released at step {ReleaseStep(s, j)} started at {FirstStep(r, j)}");
    }

    /// <summary>Time off, when a job is held back by full GPUs: one GPU, a rigid 7 h job released first, a relaxed
    /// 1 h job released with it; intensity 800 g/kWh until step 20, 100 after. The relaxed job can start at step 7 at
    /// the earliest; a planner keeping the time lever off must start it then, not wait for the clean hours.</summary>
    [Theory]
    [InlineData("greedy")]
    [InlineData("optimal")]
    [InlineData("mpc")]
    public void TimeOff_AJobHeldBackByFullGpus_StartsAsSoonAsTheyFree(string policy)
    {
        var carbon = Enumerable.Range(0, 48).Select(t => t < 20 ? 800.0 : 100.0).ToArray();
        var s = new ScenarioBuilder(48)
            .Site("a", 1, 0.05, 0.3, 1.2, 100, carbon, ScenarioBuilder.Repeat(300, 48))
            .Job("long", 1, 7, T0, T0.AddHours(8), ["a"], tier: FlexibilityTier.Rigid)
            .Job("short", 1, 1, T0, T0.AddHours(40), ["a"], tier: FlexibilityTier.Relaxed)
            .Build().WithLevers(Levers.Capping | Levers.Place);
        var r = Run(s, policy);
        Assert.Equal(0, FirstStep(r, 0));
        Assert.Equal(7, FirstStep(r, 1));
    }

    [Fact]
    public void PlaceOff_NoJobRunsAwayFromHome()
    {
        var s = Fixture();
        Assert.Contains(Run(s, "optimal").Log.Runs, x => x.Site == 1); // with place on, optimal moves some work away
        var off = s.WithLevers(Levers.Capping | Levers.Time);
        foreach (var policy in new[] { "greedy", "optimal", "mpc" })
            Assert.All(Run(off, policy).Log.Runs, x => Assert.True(x.Site == 0, $"{policy}: job {off.Jobs[x.Job].Id} ran at {off.Sites[x.Site].Id}"));
    }

    [Fact]
    public void CappingOff_EveryJobRunsAtFullPower()
    {
        var s = Fixture();
        Assert.Contains(Run(s, "optimal").Log.Runs, x => x.Level < s.Sites[x.Site].Pools[x.Pool].Curve.FullPowerLevel); // on: optimal caps
        var off = s.WithLevers(Levers.Time | Levers.Place);
        foreach (var policy in new[] { "greedy", "optimal", "mpc" })
            Assert.All(Run(off, policy).Log.Runs, x =>
            {
                Assert.Equal(0, x.Level);
                Assert.Equal(s.Sites[x.Site].Pools[x.Pool].Curve.Levels[^1], off.Sites[x.Site].Pools[x.Pool].Curve.Levels[x.Level]);
            });
    }

    [Fact]
    public void Describe_ThenTryParse_GivesTheSameLevers()
    {
        for (var bits = 0; bits <= (int)Levers.All; bits++)
        {
            var levers = (Levers)bits;
            Assert.True(LeverSwitches.TryParse(LeverSwitches.Describe(levers), out var back), LeverSwitches.Describe(levers));
            Assert.Equal(levers, back);
        }
        Assert.Equal("capping,time,place,scaling", LeverSwitches.Describe(Levers.All));
        Assert.True(LeverSwitches.TryParse("scaling", out var sc) && sc == Levers.Scaling);
        Assert.Equal("none", LeverSwitches.Describe(Levers.None));
        Assert.Equal("time,place", LeverSwitches.Describe(Levers.Place | Levers.Time));
        Assert.True(LeverSwitches.TryParse("all", out var all) && all == Levers.All);
        Assert.True(LeverSwitches.TryParse(" place , time ", out var tp) && tp == (Levers.Time | Levers.Place));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("time,warp")]
    [InlineData("capping;time")]
    public void TryParse_ABadToken_ReturnsFalse(string text) => Assert.False(LeverSwitches.TryParse(text, out _));
}
