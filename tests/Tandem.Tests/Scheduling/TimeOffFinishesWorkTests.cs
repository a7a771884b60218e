using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

/// <summary>With the time lever off, the planners charge every step of delay (up to 0.9 of the undone-work penalty per
/// GPU-hour of the job's whole work). Leaving work undone must still cost more than any delay, or a planner cuts one
/// job short at the end of the period to start a big one a few steps earlier: optimal did on china-east-west with
/// capping alone (2,042 GPU-hours undone, where greedy and run-now finish every job).</summary>
public class TimeOffFinishesWorkTests
{
    [Fact]
    public void ChinaEastWest_WithCappingAlone_OptimalFinishesEveryJob()
    {
        SharedData.RequireFolder();
        var s = ScenarioLoader.Load(Path.Combine(SharedData.RepoRoot(), "examples", "china-east-west", "scenario.json")).WithLevers(Levers.Capping);
        var greedy = PlanActLoop.Run(s, PolicyCatalog.Create("greedy")!);
        Assert.Equal(0, greedy.Totals.UnfinishedWorkGpuHours, 6);
        var optimal = PlanActLoop.Run(s, PolicyCatalog.Create("optimal")!);
        Assert.Empty(optimal.Violations);
        Assert.Equal(0, optimal.Totals.UnfinishedWorkGpuHours, 6);
        Assert.True(optimal.Totals.Emissions.Kilograms <= greedy.Totals.Emissions.Kilograms + 1e-6);
    }
}
