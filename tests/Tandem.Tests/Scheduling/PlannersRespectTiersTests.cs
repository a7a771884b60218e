using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

/// <summary>greedy, mpc and optimal plan only the power levels a job's tier allows: runtime at the level at most
/// (1 + slowdown) times full power's, so throughput ≥ 1 / (1 + slowdown) (rigid: full power), and never pause a rigid
/// job. Checked from the execution log, with the bound worked out here from the tier's slowdown.</summary>
public class PlannersRespectTiersTests
{
    [Theory]
    [InlineData("greedy")]
    [InlineData("mpc")]
    [InlineData("optimal")]
    public void NoJobRunsSlowerThanItsTierAllows(string policy)
    {
        var cappedRelaxed = 0;
        foreach (var seed in new[] { 1, 2, 3 })
        {
            // Every site on the four-level curve, whose slowest level (0.45 of full speed at 0.3 of full draw) only
            // relaxed jobs may use; GPUs plentiful enough that slack is there to spend on capping.
            var scenario = TieredScenarios.Random(seed, minJobs: 12, maxJobs: 16, steps: 48, minGpus: 8, maxGpus: 12, curve: TieredScenarios.Capped);
            var r = PlanActLoop.Run(scenario, PolicyCatalog.Create(policy)!);
            Assert.True(r.Violations.Count == 0, $"{policy}, seed {seed}: {string.Join("; ", r.Violations)}");
            foreach (var run in r.Log.Runs)
            {
                var job = scenario.Jobs[run.Job];
                var throughput = scenario.Sites[run.Site].Pools[run.Pool].Curve.Levels[run.Level].Throughput;
                var slowest = 1 / (1 + job.Tier.MaxSlowdown);
                Assert.True(throughput >= slowest - 1e-9,
                    $"{policy}, seed {seed}: {job.Tier.Name} job {job.Id} ran at {throughput} of full speed from step {run.FromStep}; its tier allows {slowest:0.###} and up");
                if (job.Tier.Name == "relaxed" && throughput < 0.5) cappedRelaxed++;
            }
            foreach (var j in Enumerable.Range(0, scenario.Jobs.Count).Where(j => scenario.Jobs[j].Tier.MaxSlowdown == 0))
                Assert.True(r.Log.Runs.Count(x => x.Job == j) <= 1, $"{policy}, seed {seed}: rigid job {scenario.Jobs[j].Id} ran in separate stretches");
        }
        // Not vacuous: the planner does cap where the tier lets it, to a level no standard job may use.
        Assert.True(cappedRelaxed > 0, $"{policy} never ran a relaxed job below half speed: the check above proved nothing");
    }
}
