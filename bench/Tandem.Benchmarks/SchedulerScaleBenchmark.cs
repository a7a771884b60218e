using Tandem.Scheduling.Greedy;
using Tandem.Scheduling.Optimal;
using Tandem.Loop;
using System.Diagnostics;
using System.Globalization;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;

namespace Tandem.Benchmarks;

/// <summary>Issue 3's scale targets, measured: greedy plans 100,000 jobs × 20 sites × 7 days at 15-minute steps in
/// under 10 s; optimal solves 5,000 jobs × 5 sites × 2 days at 15-minute steps in under 60 s. Each plan is then
/// simulated and checked by the independent validator. Greedy is also timed on the optimal-sized problem, so the two
/// planners are compared side by side.</summary>
public static class SchedulerScaleBenchmark
{
    public static int Run(string data)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tandem-bench-scheduler");
        Directory.CreateDirectory(dir);
        var big = Load(dir, "greedy-100k.json", FleetScenario.Json(data, "greedy-100k-jobs-20-sites-7-days", "2022-06-06T00:00:00Z", "2022-06-13T00:00:00Z", 15, 20, 400, 400, 100_000 / 5.0, 100_000, 24, 5));
        var small = Load(dir, "optimal-5k.json", FleetScenario.Json(data, "optimal-5k-jobs-5-sites-2-days", "2022-06-06T00:00:00Z", "2022-06-08T00:00:00Z", 15, 5, 120, 120, 5_000 / 1.5, 5_000, 12, 1.5));
        var c = CultureInfo.InvariantCulture;
        var ok = true;
        Console.WriteLine("problem                                   planner   jobs     plan s   target s  validator  method");
        ok &= Measure(big, new GreedyPolicy(Objective.Emissions), 10, c);
        var greedySmall = Measure(small, new GreedyPolicy(Objective.Emissions), double.PositiveInfinity, c, out var gSeconds, out var gObj);
        var optimal = Measure(small, new OptimalPolicy(Objective.Emissions), 60, c, out var oSeconds, out var oObj);
        ok &= greedySmall && optimal;
        Console.WriteLine(string.Create(c, $"on the 5k problem: greedy objective / optimal objective = {gObj / oObj:0.0000}; optimal plan time / greedy plan time = {oSeconds / gSeconds:0.0}×"));
        Console.WriteLine(ok ? "targets met" : "targets NOT met");
        return ok ? 0 : 1;
    }

    private static Scenario Load(string dir, string file, string json)
    {
        var path = Path.Combine(dir, file);
        File.WriteAllText(path, json);
        return ScenarioLoader.Load(path);
    }

    private static bool Measure(Scenario s, IPlanningPolicy policy, double targetSeconds, CultureInfo c) => Measure(s, policy, targetSeconds, c, out _, out _);

    private static bool Measure(Scenario s, IPlanningPolicy policy, double targetSeconds, CultureInfo c, out double seconds, out double objective)
    {
        ((IForesightPolicy)policy).Foresee(s); // warm-up: JIT and native solver load
        var r = PlanActLoop.Run(s, policy);
        seconds = policy.PlanningSeconds;
        objective = Objective.Emissions.Evaluate(r.Totals);
        var clean = r.Violations.Count == 0;
        var met = seconds < targetSeconds && clean;
        var target = double.IsInfinity(targetSeconds) ? "-" : targetSeconds.ToString("0", c);
        Console.WriteLine(string.Create(c, $"{s.Name,-41} {policy.Name,-8} {s.Jobs.Count,6} {seconds,9:0.00} {target,9}  {(clean ? "clean" : "VIOLATIONS"),9}  {policy.Method}"));
        Console.WriteLine(string.Create(c, $"    emissions {r.Totals.Emissions.Kilograms:0.0} kg, deadline misses {r.Totals.DeadlineMisses}, unfinished {r.Totals.UnfinishedWorkGpuHours:0.0} GPU-h, objective {objective:0.0}"));
        return met;
    }
}
