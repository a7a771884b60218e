using Tandem.Planning;
using Tandem.Scheduling.Greedy;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Planning;

/// <summary>The greedy planner's time budget (mpc's greedy_seconds): with a budget already spent, the first feasible
/// pass still places every job, the refinements are skipped and the plan says so; without one, or with one that is
/// not reached, the plan is the same as the unbudgeted one. Busy generated scenarios, where the refinements matter.</summary>
public class GreedyBudgetTests
{
    [Fact]
    public void ASpentBudget_StillPlacesEveryJob_SkipsTheRefinements_AndSaysSo()
    {
        var cut = 0;
        var worse = 0;
        foreach (var seed in Enumerable.Range(1, 10))
        {
            var s = TieredScenarios.Random(seed, minJobs: 30, maxJobs: 60, steps: 48, minGpus: 8, maxGpus: 12);
            var pb = PlanningProblem.Offline(s, Objective.Emissions);
            var full = GreedyPlanner.Solve(pb);
            var roomy = GreedyPlanner.Solve(pb, budget: TimeSpan.FromHours(1));
            var spent = GreedyPlanner.Solve(pb, budget: TimeSpan.Zero);
            Assert.Equal("greedy", full.Solver);
            // A budget that is not reached changes nothing.
            Assert.Equal(full.ModelObjective, roomy.ModelObjective);
            Assert.Equal(full.Starts.Select(x => (x.Job, x.Site, x.Pool, x.Level, x.Step)), roomy.Starts.Select(x => (x.Job, x.Site, x.Pool, x.Level, x.Step)));
            // Spent: every job the full plan placed is placed, and the plan names the cut.
            Assert.Equal(full.Starts.Count, spent.Starts.Count);
            if (spent.Solver.StartsWith("greedy (refinements cut at the 0 s budget)", StringComparison.Ordinal)) cut++;
            if (spent.ModelObjective > full.ModelObjective + 1e-9) worse++;
        }
        Assert.Equal(10, cut);
        // The refinements are worth something on busy sites: without them some plans cost more.
        Assert.True(worse > 0, "no seed's plan got worse without the refinements; the budget test proves nothing");
    }
}
