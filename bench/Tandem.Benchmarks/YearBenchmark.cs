using Tandem.Loop;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;

namespace Tandem.Benchmarks;

/// <summary>One year at 15-minute steps, 20 sites on real hourly grid carbon and prices (Electricity Maps and the
/// 22-zone price set, 2022, from ../shared/data), 100,000 jobs with Philly run times, simulated with run-now (and
/// wait-awhile beside it). Targets from issue 2: under 30 s and under 2 GiB on the 2-core machine.</summary>
public static class YearBenchmark
{
    public static int Run(string[] args)
    {
        var data = args.Length > 1 && args[0] == "--data" ? args[1] : FindSharedData();
        if (data is null)
        {
            Console.Error.WriteLine("error: --data: ../shared/data not found; pass --data PATH to the public data folder");
            return 2;
        }
        var work = Path.Combine(Path.GetTempPath(), "tandem-bench-year");
        Directory.CreateDirectory(work);
        var scenarioPath = Path.Combine(work, "scenario.json");
        File.WriteAllText(scenarioPath, ScenarioJson(data));

        var load = Stopwatch.StartNew();
        var scenario = ScenarioLoader.Load(scenarioPath);
        load.Stop();
        Console.WriteLine($"Loaded {scenario.Sites.Count} sites, {scenario.Jobs.Count} jobs, {scenario.Grid.Count} steps of {scenario.Grid.Step.TotalMinutes} min in {load.Elapsed.TotalSeconds:0.00} s");

        var rows = new List<(string Policy, double Seconds, RunTotals Totals)>();
        foreach (var name in new[] { "run-now", "wait-awhile" })
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            var r = PlanActLoop.Run(scenario, PolicyCatalog.Create(name)!);
            sw.Stop();
            rows.Add((name, sw.Elapsed.TotalSeconds, r.Totals));
        }
        var peakMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("policy       simulate s  vs run-now  jobs done  emissions t  peak MiB (process)");
        foreach (var (policy, secs, t) in rows)
            Console.WriteLine(string.Create(c, $"{policy,-12} {secs,10:0.00}  {secs / rows[0].Seconds,10:0.00}  {t.JobsCompleted,9}  {t.Emissions.Tonnes,11:0.0}  {peakMiB,8:0}"));
        var ok = rows[0].Seconds < 30 && peakMiB < 2048;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"target (issue 2): run-now under 30 s and under 2048 MiB -> {(ok ? "met" : "NOT met")} ({rows[0].Seconds:0.00} s, {peakMiB:0} MiB; load {load.Elapsed.TotalSeconds:0.00} s)"));
        var result = new
        {
            steps = scenario.Grid.Count, sites = scenario.Sites.Count, jobs = scenario.Jobs.Count, load_seconds = load.Elapsed.TotalSeconds,
            runs = rows.Select(r => new { policy = r.Policy, simulate_seconds = r.Seconds, jobs_completed = r.Totals.JobsCompleted }),
            peak_working_set_mib = peakMiB, target_met = ok,
        };
        File.WriteAllText(Path.Combine(work, "result.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Wrote {Path.Combine(work, "result.json")}");
        return ok ? 0 : 1;
    }

    private static string ScenarioJson(string data) => FleetScenario.Json(data, "bench-year-20-sites-100k-jobs", "2022-01-01T00:00:00Z", "2023-01-01T00:00:00Z", 15, 20, 8, 9, 100_000 / 365.0 * 1.02, 100_000, 72, null);

    internal static string? FindSharedData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) dir = dir.Parent;
        var p = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        return p is not null && Directory.Exists(p) ? p : null;
    }
}
