using Tandem.Planning;
using Tandem.Scheduling.Greedy;
using Tandem.Scheduling.Optimal;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Planning;

/// <summary>The LP relaxation repaired into a schedule is the optimal planner's answer on large problems, and the
/// yardstick every other policy's share is read against. Guided by a fractional LP, the repair can lose to plain
/// greedy on busy sites; the planner scores both in the same model and keeps the better, so its plan never costs more
/// than greedy's. Checked on busy generated scenarios (more work than the GPUs can do on time on most seeds) with the LP
/// path forced; greedy's plan is scored in the same model.</summary>
public class RepairNeverLosesToGreedyTests(ITestOutputHelper output)
{
    [Fact]
    public void LpPlusRepair_NeverCostsMoreThanGreedy_InTheModel()
    {
        var worse = new List<string>();
        var keptGreedy = 0;
        foreach (var seed in Enumerable.Range(1, 30))
        {
            var s = TieredScenarios.Random(seed, minJobs: 30, maxJobs: 60, steps: 48, minGpus: 8, maxGpus: 12);
            var pb = PlanningProblem.Offline(s, Objective.Emissions);
            var greedy = OptimalPlanner.Score(pb, GreedyPlanner.Solve(pb));
            Assert.NotNull(greedy);
            var plan = OptimalPlanner.Solve(pb, new OptimalOptions(MaxExactOptions: 0));
            Assert.Equal(PlanMethod.LpRelaxationWithRepair, plan.Method);
            if (plan.Solver.Contains("plain greedy", StringComparison.Ordinal)) keptGreedy++;
            if (plan.ModelObjective > greedy.Value + 1e-6 * Math.Max(1, Math.Abs(greedy.Value)))
                worse.Add($"seed {seed}: LP + repair {plan.ModelObjective:0.000} > greedy {greedy.Value:0.000}");
            Assert.True(plan.LowerBound <= plan.ModelObjective + 1e-6, $"seed {seed}: bound {plan.LowerBound} above the plan {plan.ModelObjective}");
        }
        output.WriteLine($"plain greedy kept on {keptGreedy} of 30 seeds");
        Assert.Empty(worse);
    }
}
