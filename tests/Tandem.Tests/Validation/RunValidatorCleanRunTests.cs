using Tandem.Loop;
using Tandem.Scheduling;
using Tandem.Tests.Simulation;
using Tandem.Validation;

namespace Tandem.Tests.Validation;

/// <summary>A clean run of every policy leaves the validator with nothing to report.</summary>
public class RunValidatorCleanRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2024)]
    public void EveryPolicy_OnRandomScenarios_HasNoFinding(int seed)
    {
        var scenario = SimulatorPropertyTests.Random(seed);
        foreach (var name in PolicyCatalog.Defaults)
        {
            var run = PlanActLoop.Run(scenario, PolicyCatalog.Create(name)!);
            var (violations, _) = RunValidator.Check(scenario, run.Log, run.Totals, run.Sites);
            Assert.True(violations.Count == 0, $"{name}, seed {seed}: {string.Join("; ", violations)}");
        }
    }
}
