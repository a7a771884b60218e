using System.Text.RegularExpressions;
using Tandem.Scheduling.RunNow;
using Tandem.Loop;
using Tandem.Tests.Testing;
using Tandem.Validation;

namespace Tandem.Tests.Validation;

/// <summary>The validator computes PUE itself, from the site model's parameters (<c>PueModel.Base</c>,
/// <c>PerDegreeC</c>, <c>ThresholdC</c>, <c>DesignMaxC</c>) and the temperature signal, rather than through
/// <c>PueModel.At</c> or <c>ScenarioSignals.Pue</c>, which the simulator uses. Why both tests are needed: if the
/// validator called the model's function, a wrong <c>At</c> would move the simulator's energy and the validator's
/// recomputation together and every clean-run test would stay green. So (1) a hand-checked temperature-dependent case
/// pins the simulator and the validator separately to the same numbers worked out here, which a shared bug could not
/// satisfy for both unless it matched the hand arithmetic, and (2) the validator's sources are read to show they do not
/// reach the model's function at all.</summary>
public class RunValidatorPueTests
{
    /// <summary>One site of 1 GPU at 0.1 kW idle (1 kW max), no jobs, no solar, hourly for 4 h; PUE base 1.2 rising
    /// 0.01 per °C above 20 °C up to the 40 °C design maximum; 100 g/kWh; 100 CNY/MWh.
    /// Temperatures 10, 20, 30, 50 °C give PUE 1.2 (below the threshold), 1.2 (at it), 1.2 + 0.01 × 10 = 1.3 and
    /// 1.2 + 0.01 × min(30, 20) = 1.4 (clamped at the design maximum). Facility energy is 0.1 kWh × PUE per step:
    /// 0.12 + 0.12 + 0.13 + 0.14 = 0.51 kWh, all from the grid: 51 g and 0.051 CNY.</summary>
    private static Tandem.Scenarios.Scenario Scenario()
    {
        var b = new ScenarioBuilder(4);
        b.Site("hot", 1, 0.1, 1.0, 1.2, 10, ScenarioBuilder.Repeat(100, 4), ScenarioBuilder.Repeat(100, 4),
            temperatureC: [10, 20, 30, 50], pueSlopePerDegree: 0.01);
        return b.Build();
    }

    [Fact]
    public void TemperatureDependentPue_SimulatorAndValidatorBothMatchTheHandArithmetic()
    {
        var scenario = Scenario();
        var pue = scenario.Sites[0].Pue;
        Assert.Equal((1.2, 0.01, 20.0, 40.0), (pue.Base, pue.PerDegreeC, pue.ThresholdC, pue.DesignMaxC));

        var run = PlanActLoop.Run(scenario, new RunNowPolicy());
        Assert.Empty(run.Violations);
        Assert.Equal([0.12, 0.12, 0.13, 0.14], run.Sites[0].FacilityKw.Select(kw => Math.Round(kw, 12)).ToArray()); // kW over 1-hour steps
        Assert.Equal(0.51, run.Totals.Energy.KilowattHours, 9);
        Assert.Equal(0.51, run.Totals.GridEnergy.KilowattHours, 9);
        Assert.Equal(51, run.Totals.Emissions.Grams, 6);
        Assert.Equal(0.051, run.Totals.Cost.Amount, 9);

        // The validator recomputes the same totals and traces from the raw inputs: nothing to find.
        Assert.Empty(RunValidator.Check(scenario, run.Log, run.Totals, run.Sites).Violations);

        // And it is its own arithmetic that agrees, not an echo: totals at the constant base PUE (what a validator
        // ignoring temperature would compute, 0.48 kWh) or at the clamp left out (1.2 + 0.01 × 30 = 1.5 in the last
        // step, 0.52 kWh) are both refused.
        foreach (var wrongKwh in new[] { 0.48, 0.52 })
        {
            var wrong = run.Totals with
            {
                Energy = Tandem.Units.Energy.FromKilowattHours(wrongKwh),
                GridEnergy = Tandem.Units.Energy.FromKilowattHours(wrongKwh),
            };
            var findings = RunValidator.Check(scenario, run.Log, wrong).Violations;
            Assert.Contains(findings, f => f.StartsWith("[totals-energy] ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ValidatorSources_DoNotCallThePueModelsFunction()
    {
        var folder = Path.Combine(SharedData.RepoRoot(), "src", "Tandem", "Validation");
        var calls = new Regex(@"\.Pue\s*\(|\bAt\s*\(|\.Ceiling\b");
        foreach (var file in Directory.GetFiles(folder, "*.cs"))
            foreach (var (line, n) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                if (!line.TrimStart().StartsWith("///", StringComparison.Ordinal))
                    Assert.False(calls.IsMatch(line), $"{Path.GetFileName(file)}:{n} reaches the PUE model's function: {line.Trim()}");
    }
}
