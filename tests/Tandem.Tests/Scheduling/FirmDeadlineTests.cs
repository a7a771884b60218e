using System.Globalization;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

/// <summary>No coordinating policy finishes a rigid or standard job late where a schedule exists that finishes them
/// all on time; run-now's own schedule is the witness. The scenarios are small and tight: 1-3 sites of 8-14 GPUs,
/// 10-40 jobs over 48 hourly steps, so jobs wait for GPUs on most seeds.</summary>
public class FirmDeadlineTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = Enumerable.Range(1, 30).ToArray();

    private static Scenario Generate(int seed) => TieredScenarios.Random(seed, minJobs: 10, maxJobs: 40, steps: 48, minGpus: 8, maxGpus: 14);

    /// <summary>Rigid and standard jobs not finished by their deadline, or not at all (every deadline lies within the
    /// period), as "job (tier): what happened".</summary>
    private static List<string> FirmMisses(Scenario s, RunResult r)
    {
        var misses = new List<string>();
        for (var j = 0; j < s.Jobs.Count; j++)
        {
            var job = s.Jobs[j];
            if (job.Tier.MaxSlowdown > 1) continue;
            var at = r.Log.FinishedAt(j);
            if (at is null) misses.Add($"{job.Id} ({job.Tier.Name}): not finished, due {job.Deadline:HH:mm}");
            else if (at > job.Deadline) misses.Add($"{job.Id} ({job.Tier.Name}): finished {at:HH:mm}, due {job.Deadline:HH:mm}");
        }
        return misses;
    }

    private static RunResult Run(Scenario s, string policy, string? planner = null)
    {
        var settings = planner is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["planner"] = planner };
        var (created, problems) = PolicyCatalog.Create(policy, Tandem.Planning.Objective.Emissions, settings);
        Assert.True(created is not null, string.Join("; ", problems));
        if (planner is "lp") Assert.StartsWith("LP + repair", Assert.IsType<Tandem.Scheduling.Mpc.MpcPolicy>(created).Method);
        var r = PlanActLoop.Run(s, created);
        Assert.True(r.Violations.Count == 0, $"{policy} on {s.Name}: {string.Join("; ", r.Violations)}");
        return r;
    }

    [Theory]
    [InlineData("greedy")]
    [InlineData("optimal")]
    public void NoFirmJobFinishesLate_WhereRunNowFinishesThemAllOnTime(string policy) => Assert.Empty(FirmLateWhereRunNowIsOnTime(policy));

    /// <summary>mpc cannot see work that has not arrived: it may cap or delay a job whose GPUs a firm job arriving
    /// later needed. It starts firm jobs that must start now first and pauses more tolerant work that can wait to make
    /// room (Preemption), which left one of the 18 witnessed seeds late (seed 26: a rigid job arriving when three
    /// capped, non-interruptible jobs held the site). The figure is recorded, and the test fails if it grows.
    /// With LP + repair planning each step (planner=lp, an option) two seeds were late (5 and 26, one standard job
    /// each): it fills the window's clean hours more fully and so leaves less room for work arriving later.</summary>
    [Theory]
    [InlineData("greedy", 1)]
    [InlineData("lp", 2)]
    public void Mpc_FinishesFirmJobsLate_OnNoMoreWitnessedSeedsThanRecorded(string planner, int recorded)
    {
        var late = FirmLateWhereRunNowIsOnTime("mpc", planner);
        var seeds = late.Select(f => f.Split(':')[0]).Distinct().ToList();
        output.WriteLine($"mpc: firm jobs late on {seeds.Count} seed(s): {string.Join("; ", late)}");
        Assert.True(seeds.Count <= recorded, $"mpc (planner={planner}) finished firm jobs late on {seeds.Count} seeds where run-now did not:\n{string.Join("\n", late)}");
    }

    private List<string> FirmLateWhereRunNowIsOnTime(string policy, string? planner = null)
    {
        var failures = new List<string>();
        var witnessed = 0;
        var waited = 0;
        foreach (var seed in Seeds)
        {
            var s = Generate(seed);
            Assert.All(s.Jobs, j => Assert.True(j.Deadline <= s.Grid.End));
            var now = Run(s, "run-now");
            if (Enumerable.Range(0, s.Jobs.Count).Any(j => now.Log.Runs.Where(x => x.Job == j).Select(x => x.FromStep).DefaultIfEmpty(int.MaxValue).Min() > s.Grid.CeilingIndex(s.Jobs[j].EarliestStart)))
                waited++;
            if (now.FirmLate.Count > 0 || FirmMisses(s, now).Count > 0) continue; // no witness: nothing to hold the policy to
            witnessed++;
            var r = Run(s, policy, planner);
            failures.AddRange(r.FirmLate.Select(late => $"seed {seed}: firm-late {late}"));
            failures.AddRange(FirmMisses(s, r).Select(miss => $"seed {seed}: {miss}"));
        }
        output.WriteLine($"{policy}: run-now finished every firm job on time on {witnessed} of {Seeds.Length} seeds; jobs waited under run-now on {waited}");
        Assert.True(witnessed >= 10, $"only {witnessed} seeds have a witness schedule: the test checks too little");
        Assert.True(waited >= 10, $"jobs waited under run-now on only {waited} seeds: capacity is not tight");
        return failures;
    }

    /// <summary>Issue 9's goal on random scenarios: on the same 30 seeds, mpc's emissions are never more than 0.5 %
    /// above run-now's (measured: above on none of them, at commit 548384b as now; an earlier version of mpc was above on
    /// 4, at worst +1.72 %). How often and by how much it is above at all is written to the test output. With LP +
    /// repair planning each step (planner=lp, an option, not the default) it was above on 3 seeds, at worst +2.32 %
    /// (seed 15): the figure is recorded and the test fails if it grows.</summary>
    [Theory]
    [InlineData("greedy", 0.005)]
    [InlineData("lp", 0.0235)]
    public void Mpc_EmitsNoMoreAboveRunNowThanRecorded(string planner, double recorded)
    {
        var worse = 0;
        var worst = 0.0;
        var worstSeed = 0;
        var differs = 0;
        foreach (var seed in Seeds)
        {
            var s = Generate(seed);
            var now = Run(s, "run-now");
            var mpc = Run(s, "mpc", planner);
            // The planner setting must reach the plan: LP + repair decides differently from greedy on some seeds.
            if (planner != "greedy" && Math.Abs(Run(s, "mpc", "greedy").Totals.Emissions.Grams - mpc.Totals.Emissions.Grams) > 1e-6) differs++;
            var loss = mpc.Totals.Emissions.Grams / now.Totals.Emissions.Grams - 1;
            if (loss <= 0) continue;
            worse++;
            if (loss > worst) (worst, worstSeed) = (loss, seed);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mpc (planner={planner}) emitted more than run-now on {worse} of {Seeds.Length} seeds, at worst {worst:P2} more (seed {worstSeed}); differs from greedy on {differs}"));
        Assert.True(planner == "greedy" || differs > 0, $"mpc with planner={planner} ran exactly as with greedy on every seed");
        Assert.True(worst <= recorded, string.Create(CultureInfo.InvariantCulture, $"mpc emitted {worst:P2} more than run-now on seed {worstSeed}"));
    }
}
