using Tandem.Scheduling.Optimal;
using Tandem.Loop;
using System.Globalization;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;

namespace Tandem.Benchmarks;

/// <summary>What offering the optimal planner every level of the power curve costs and buys: each scenario is planned
/// three times: with all levels, with three (as the heuristics use above 500,000 job–site pairs, and mpc by default: full power, the most energy-efficient level
/// and one between), both as the planner chooses (the exact MILP on these sizes), and with all levels by LP relaxation
/// and repair (the method at scale). Every plan is simulated and checked. Prints candidates, method, the model's
/// objective, its bound, the simulated objective and the planning time of each, and the differences.</summary>
public static class PowerLevelsBenchmark
{
    /// <summary>The example scenarios shipped in examples/, smallest first.</summary>
    public static string[] Examples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("The repository root (Tandem.slnx) was not found above the benchmark.");
        return new[] { "australia-solar", "us-three-grids", "south-africa-flat" }.Select(n => Path.Combine(dir.FullName, "examples", n, "scenario.json")).ToArray();
    }

    public static int Run(IReadOnlyList<string> scenarios)
    {
        var c = CultureInfo.InvariantCulture;
        // Warm-up: JIT and native solver load, on the smallest scenario, untimed.
        var first = ScenarioLoader.Load(scenarios[0]);
        OptimalPlanner.Solve(PlanningProblem.Offline(first, Objective.Emissions), new OptimalOptions(TimeLimit: TimeSpan.FromSeconds(5)));
        Console.WriteLine("scenario            levels  candidates   plan s   model objective   lower bound   simulated objective  method");
        var ok = true;
        foreach (var path in scenarios)
        {
            var s = ScenarioLoader.Load(path);
            var rows = new List<(bool All, double Seconds, double Simulated, Plan Plan)>();
            foreach (var (all, options) in new[] { (true, OptimalOptions.Default), (false, new OptimalOptions(AllPowerLevels: false)), (true, new OptimalOptions(MaxExactOptions: 0)) })
            {
                // Above the MILP limit the default already is LP + repair: no need to run it twice.
                if (options.MaxExactOptions == 0 && rows[0].Plan.Method == PlanMethod.LpRelaxationWithRepair) { rows.Add(rows[0]); continue; }
                var policy = new OptimalPolicy(Objective.Emissions, options);
                var r = PlanActLoop.Run(s, policy);
                ok &= r.Violations.Count == 0;
                var plan = policy.Plan!;
                var simulated = Objective.Emissions.Evaluate(r.Totals);
                rows.Add((all, plan.SolveSeconds, simulated, plan));
                var levels = all ? s.Sites.Max(x => x.Pools.Max(p => p.Curve.Levels.Count)).ToString(c) : "3";
                Console.WriteLine(string.Create(c, $"{s.Name,-19} {levels,6} {plan.CandidatePlacements,11:N0} {plan.SolveSeconds,8:0.00} {plan.ModelObjective,17:0.000} {plan.LowerBound,13:0.000} {simulated,21:0.000}  {plan.Describe()}{(r.Violations.Count > 0 ? "  VIOLATIONS" : "")}{string.Concat(plan.Problems.Where(p => p.StartsWith("the repaired plan", StringComparison.Ordinal)).Select(p => "  NOTE: " + p))}"));
            }
            var (a, t, lp) = (rows[0], rows[1], rows[2]);
            Console.WriteLine(string.Create(c, $"{s.Name}: three levels cost {(t.Simulated / a.Simulated - 1) * 100:+0.000;-0.000} % on the simulated objective ({t.Simulated - a.Simulated:+0.000;-0.000}); all levels take {a.Seconds / t.Seconds:0.00}× the planning time; LP + repair over all levels {(lp.Simulated / a.Simulated - 1) * 100:+0.000;-0.000} % in {lp.Seconds / a.Seconds:0.00}× the time"));
        }
        return ok ? 0 : 1;
    }
}
