using Tandem.Planning;

namespace Tandem.Tests.Planning;

/// <summary>The words a plan uses for its method say no more than it can prove.</summary>
public class PlanTests
{
    private static Plan Made(PlanMethod method, double objective, double? bound, bool proven = false, ModelReductions reductions = ModelReductions.None) =>
        new(0, 1, 0, 1, [1]) { Method = method, ModelObjective = objective, LowerBound = bound, ProvenOptimal = proven, Reductions = reductions, Solver = "greedy" };

    [Fact]
    public void Describe_SaysProvenOptimalOnlyWhereItIs()
    {
        Assert.Equal("exact MILP (proven optimal)", Made(PlanMethod.ExactMilp, 100, 100, proven: true).Describe());
        Assert.Equal("exact MILP, gap 2.00 %", Made(PlanMethod.ExactMilp, 100, 98).Describe());
        Assert.Equal("exact MILP, no bound", Made(PlanMethod.ExactMilp, 100, null).Describe());
        Assert.Equal("LP relaxation + repair, within 0.40 % of the bound", Made(PlanMethod.LpRelaxationWithRepair, 250, 249).Describe());
        Assert.Equal("LP relaxation + repair, no bound (the LP stopped at its time limit)", Made(PlanMethod.LpRelaxationWithRepair, 250, null).Describe());
        Assert.Equal("LP relaxation + repair, within 1.00 % of the bound; model reduced: start times thinned",
            Made(PlanMethod.LpRelaxationWithRepair, 100, 99, reductions: ModelReductions.ThinnedStarts).Describe());
        Assert.Equal("heuristic (greedy)", Made(PlanMethod.Heuristic, 100, null).Describe());
    }

    [Theory]
    [InlineData(100, 98, 0.02)]
    [InlineData(100, 100, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(100, 100.0000000001, 0)]
    public void Gap_IsRelativeToTheObjective_AndNeverNegative(double objective, double bound, double expected) =>
        Assert.Equal(expected, Plan.Gap(objective, bound), 12);
}
