using Tandem.Scheduling.Optimal;
using Tandem.Loop;
using System.Text.RegularExpressions;
using Tandem.Fleet;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;

namespace Tandem.Tests.Planning;

/// <summary>What the optimal planner claims about its plan: method, objective, bound, gap, "proven optimal", checked
/// against an optimum found by brute-force enumeration; and its model, exported with every name.</summary>
public class OptimalPlannerTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;
    private static readonly double[] Intensity = [400, 100, 300, 200, 500, 150];

    /// <summary>Capping to 60 % gives 80 % of the speed at 50 % of the draw; 80 % gives 95 % at 80 %.</summary>
    private static readonly PowerCurve Curve = new([new PowerLevel(0.6, 0.8, 0.5), new PowerLevel(0.8, 0.95, 0.8), new PowerLevel(1, 1, 1)]);

    /// <summary>One site, two GPUs of 1 kW (no idle draw, PUE 1, no price, ample grid), six hours of varying intensity,
    /// three jobs due at the end: they compete for the two GPUs and the clean hours.</summary>
    private static Scenario ThreeJobs() => new ScenarioBuilder(6)
        .Site("A", 2, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6), curve: Curve)
        .Job("A", 1, 1.6, T0, T0.AddHours(6), ["A"])
        .Job("B", 2, 2, T0, T0.AddHours(6), ["A"])
        .Job("C", 1, 1, T0, T0.AddHours(6), ["A"])
        .Build();

    /// <summary>The emissions optimum (kg) of <see cref="ThreeJobs"/> by enumerating every level and start of every job
    /// that finishes by the deadline, keeping the GPU limit in each hour. Energy in an hour is GPUs × 1 kW × the
    /// level's power fraction × the share of the hour worked; emissions are energy × that hour's intensity.</summary>
    private static double BruteForceOptimumKg()
    {
        (int Gpus, double Work)[] jobs = [(1, 1.6), (2, 2), (1, 1)];
        var placements = jobs.Select(j =>
        {
            var list = new List<(double[] Kwh, int[] Held)>();
            foreach (var level in Curve.Levels)
            {
                var hours = j.Work / (j.Gpus * level.Throughput);
                for (var start = 0; start + hours <= 6 + 1e-9; start++)
                {
                    var kwh = new double[6];
                    var held = new int[6];
                    for (var t = start; t < 6 && t < start + hours - 1e-9; t++)
                    {
                        kwh[t] = j.Gpus * level.PowerFraction * Math.Min(1, start + hours - t);
                        held[t] = j.Gpus;
                    }
                    list.Add((kwh, held));
                }
            }
            return list;
        }).ToArray();
        var best = double.PositiveInfinity;
        foreach (var a in placements[0])
            foreach (var b in placements[1])
                foreach (var c in placements[2])
                {
                    if (Enumerable.Range(0, 6).Any(t => a.Held[t] + b.Held[t] + c.Held[t] > 2)) continue;
                    best = Math.Min(best, Enumerable.Range(0, 6).Sum(t => (a.Kwh[t] + b.Kwh[t] + c.Kwh[t]) * Intensity[t] / 1000));
                }
        return best;
    }

    [Fact]
    public void SmallProblem_IsSolvedAsAnExactMilp_ProvenOptimal_AtTheBruteForceOptimum()
    {
        var s = ThreeJobs();
        var optimum = BruteForceOptimumKg();
        var policy = new OptimalPolicy(Objective.Emissions);
        var run = PlanActLoop.Run(s, policy);
        var plan = policy.Plan!;

        Assert.Equal(PlanMethod.ExactMilp, plan.Method);
        Assert.Equal("HIGHS_MIP", plan.Solver);
        Assert.True(plan.ProvenOptimal);
        Assert.Equal(ModelReductions.None, plan.Reductions);
        Assert.Equal("exact MILP (proven optimal)", plan.Describe());
        Assert.Equal(optimum, plan.ModelObjective, 9);
        Assert.Equal(optimum, plan.LowerBound!.Value, 9);
        Assert.Equal(0, plan.RelativeGap);
        // The model scores the plan as the simulator does.
        Assert.Equal(optimum, Objective.Emissions.Evaluate(run.Totals), 9);
        Assert.Equal(3, run.Totals.JobsCompleted);
    }

    [Fact]
    public void OverTheMilpLimit_TheLpRelaxationIsRepaired_AndItsBoundIsBelowThePlan()
    {
        var s = ThreeJobs();
        var optimum = BruteForceOptimumKg();
        var policy = new OptimalPolicy(Objective.Emissions, new OptimalOptions(MaxExactOptions: 0));
        var run = PlanActLoop.Run(s, policy);
        var plan = policy.Plan!;

        Assert.Equal(PlanMethod.LpRelaxationWithRepair, plan.Method);
        Assert.Equal("HIGHS_LP + greedy repair", plan.Solver);
        Assert.False(plan.ProvenOptimal);
        Assert.StartsWith("LP relaxation + repair, within ", plan.Describe(), StringComparison.Ordinal);
        Assert.EndsWith(" % of the bound", plan.Describe(), StringComparison.Ordinal);
        var bound = plan.LowerBound!.Value;
        Assert.True(bound <= optimum + 1e-9, $"bound {bound} above the optimum {optimum}");
        Assert.True(optimum <= plan.ModelObjective + 1e-9, $"plan {plan.ModelObjective} below the optimum {optimum}");
        Assert.Equal((plan.ModelObjective - bound) / plan.ModelObjective, plan.RelativeGap!.Value, 12);
        // The repaired plan is scored in the model exactly as the simulator scores its run.
        Assert.Equal(Objective.Emissions.Evaluate(run.Totals), plan.ModelObjective, 9);
        Assert.Empty(run.Violations);
    }

    [Fact]
    public void EveryPowerLevelIsACandidate_ThreeAreAReductionThatIsNotProven()
    {
        // Five levels: the subset offers full power, the most efficient (0.5) and the one between (0.75).
        var curve = new PowerCurve([new PowerLevel(0.5, 0.7, 0.4), new PowerLevel(0.6, 0.8, 0.5), new PowerLevel(0.75, 0.9, 0.65),
            new PowerLevel(0.9, 0.97, 0.85), new PowerLevel(1, 1, 1)]);
        var s = new ScenarioBuilder(6)
            .Site("A", 2, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6), curve: curve)
            .Job("A", 2, 3, T0, T0.AddHours(6), ["A"])
            .Build();
        var pb = PlanningProblem.Offline(s, Objective.Emissions);
        var all = OptimalPlanner.Solve(pb);
        var three = OptimalPlanner.Solve(pb, new OptimalOptions(AllPowerLevels: false));

        // Every start of the six hours at each level (late ones too, on a problem this small): 5 × 6 against 3 × 6.
        Assert.Equal(30, all.CandidatePlacements);
        Assert.Equal(18, three.CandidatePlacements);
        Assert.True(all.ProvenOptimal);
        Assert.Equal(ModelReductions.PowerLevelSubset, three.Reductions);
        Assert.False(three.ProvenOptimal);
        Assert.Equal("exact MILP, gap 0.00 %; model reduced: 3 power levels per pool", three.Describe());
        Assert.True(all.ModelObjective <= three.ModelObjective + 1e-9);
    }

    [Fact]
    public void WithABattery_TheBoundHolds_ButOptimalityIsNotClaimed()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 2, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6), [0, 1, 1, 0, 0, 0], 2,
                battery: new Battery(Energy.FromKilowattHours(2), Power.FromKilowatts(1), Fraction.Of(0.9), Fraction.Of(0.5)))
            .Job("A", 1, 2, T0, T0.AddHours(6), ["A"])
            .Build();
        var policy = new OptimalPolicy(Objective.Emissions);
        var run = PlanActLoop.Run(s, policy);
        var plan = policy.Plan!;

        Assert.Equal(PlanMethod.ExactMilp, plan.Method);
        Assert.Equal(ModelReductions.BatteryDispatch, plan.Reductions);
        Assert.False(plan.ProvenOptimal);
        Assert.Equal("exact MILP, gap 0.00 %; batteries run by the simulator's rule, not the plan's", plan.Describe());
        // The model dispatches the battery at its best, so its value is never above what the simulator realises.
        Assert.True(plan.LowerBound <= Objective.Emissions.Evaluate(run.Totals) + 1e-9);
    }

    [Fact]
    public void WithABattery_TheRepairedPlanIsScoredInTheModel_BetweenTheBoundAndTheRealisedObjective()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 2, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6), [0, 1, 1, 0, 0, 0], 2,
                battery: new Battery(Energy.FromKilowattHours(2), Power.FromKilowatts(1), Fraction.Of(0.9), Fraction.Of(0.5)), curve: Curve)
            .Job("A", 1, 1.6, T0, T0.AddHours(6), ["A"])
            .Job("B", 2, 2, T0, T0.AddHours(6), ["A"])
            .Build();
        var policy = new OptimalPolicy(Objective.Emissions, new OptimalOptions(MaxExactOptions: 0));
        var run = PlanActLoop.Run(s, policy);
        var plan = policy.Plan!;

        Assert.Equal(PlanMethod.LpRelaxationWithRepair, plan.Method);
        Assert.DoesNotContain(plan.Problems, p => p.Contains("could not be scored", StringComparison.Ordinal));
        Assert.True(plan.LowerBound <= plan.ModelObjective + 1e-9);
        Assert.True(plan.ModelObjective <= Objective.Emissions.Evaluate(run.Totals) + 1e-9);
    }

    [Fact]
    public void ExportedModel_NamesEveryVariableAndConstraint()
    {
        var s = new ScenarioBuilder(6)
            .Site("A", 2, 0, 1, 1.0, 100, Intensity, ScenarioBuilder.Repeat(0, 6), [0, 1, 1, 0, 0, 0], 2,
                battery: new Battery(Energy.FromKilowattHours(2), Power.FromKilowatts(1), Fraction.Of(0.9), Fraction.Of(0.5)), curve: Curve)
            .Site("B", 2, 0, 1, 1.0, 100, Intensity.Reverse().ToArray(), ScenarioBuilder.Repeat(0, 6))
            .Job("A", 1, 1.6, T0, T0.AddHours(6), ["A", "B"])
            .Job("B", 2, 2, T0, T0.AddHours(4), ["B"])
            .Inference("east", [1, 1, 0, 0, 1, 1], "A", "B")
            .Build();
        var lp = OptimalPlanner.ExportModel(PlanningProblem.Offline(s, Objective.Emissions));

        // Job 0 at site 0, pool 0, level 2 (full power of Curve), step 0; job 1 may run only at site 1 (one level).
        foreach (var name in new[] { "start[0,0,0,2,0]", "start[0,0,0,0,0]", "start[0,1,0,0,0]", "start[1,1,0,0,0]", "drop[0]", "assign[1]",
                     "gpu_limit[0,0,5]", "grid_limit[1,3]", "grid[0,0]", "onsite[0,1]", "energy_balance[1,2]", "onsite_supply[0,1]",
                     "charge[0,1]", "discharge[0,2]", "soc[0,0]", "soc[0,6]", "battery[0,5]", "demand[0,0]", "serve[0,1,0,4]", "unserved[0,5]" })
            Assert.Contains(name, lp, StringComparison.Ordinal);
        // OR-Tools names an unnamed variable V000… and an unnamed constraint C000…: there are none.
        Assert.DoesNotMatch(new Regex(@"(?<![\w\[,])[VC]\d+\b"), lp);
        Assert.Contains("Binaries", lp, StringComparison.Ordinal);
    }
}
