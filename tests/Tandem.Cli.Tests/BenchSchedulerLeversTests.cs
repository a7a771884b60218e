using System.Globalization;
using System.Text.RegularExpressions;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>`tandem bench scheduler --levers` and the saving-by-source table it prints unless --no-split.</summary>
public partial class BenchSchedulerLeversTests
{
    /// <summary>One site of four GPUs, eight hourly steps at 500 g/kWh for four hours and 100 after; a two-level curve
    /// (0.8 of full speed at 0.55 of the draw); four relaxed 1-GPU jobs of 2 h released in the first hours.</summary>
    private static string TinyScenario(TempFolder dir)
    {
        var csv = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n");
        for (var h = 0; h < 8; h++) csv.Append(CultureInfo.InvariantCulture, $"2022-06-01T{h:00}:00:00Z,{(h < 4 ? 500 : 100)},{40 + h}\n");
        dir.Write("grid.csv", csv.ToString());
        var jobs = string.Join(",", Enumerable.Range(0, 4).Select(i =>
            $$"""{ "id": "j{{i}}", "gpus": 1, "work_gpu_hours": 2, "submit": "2022-06-01T0{{i % 2}}:00:00Z", "deadline": "2022-06-01T08:00:00Z", "allowed_sites": ["a"], "tier": "relaxed" }"""));
        return dir.Write("s.json", $$"""
            { "name": "tiny", "start": "2022-06-01T00:00:00Z", "end": "2022-06-01T08:00:00Z", "step_minutes": 60, "currency": "USD",
              "sites": [ { "id": "a", "time_zone": "UTC", "grid_limit_kw": 20, "pue": 1.2,
                           "pools": [ { "id": "p", "count": 4, "idle_power_w": 50, "max_power_w": 400,
                                        "power_curve": { "levels": [ { "limit_fraction": 0.6, "throughput": 0.8, "power_fraction": 0.55 },
                                                                     { "limit_fraction": 1.0, "throughput": 1.0, "power_fraction": 1.0 } ] } } ],
                           "grid": { "carbon": { "file": "grid.csv", "format": "tandem-csv" }, "price": { "file": "grid.csv", "format": "tandem-csv" } } } ],
              "workload": { "jobs": [ {{jobs}} ] } }
            """);
    }

    [GeneratedRegex(@"(-?\d+\.\d) \(([+-]\d+\.\d)%\)")]
    private static partial Regex Cell();

    [Fact]
    public async Task BenchScheduler_PrintsTheSavingBySource_InFiveColumns()
    {
        using var dir = new TempFolder();
        var scenario = TinyScenario(dir);
        var (code, o, e) = await TandemCli.Run("bench", "scheduler", "--scenario", scenario, "--policy", "run-now,greedy,optimal");
        Assert.True(code == 0, e);
        var lines = o.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => l.StartsWith("== tiny:", StringComparison.Ordinal) && l.EndsWith("levers: capping,time,place,scaling", StringComparison.Ordinal));
        var title = lines.FindIndex(l => l.StartsWith("saving over run-now (", StringComparison.Ordinal) && l.Contains("by source", StringComparison.Ordinal));
        Assert.True(title >= 0, o);
        Assert.Equal(["policy", "capping", "time", "place", "time+place", "all"], lines[title + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // run-now's emissions in the main table, and each policy's "all" cell is its saving there.
        double Kg(string policy) => double.Parse(lines.First(l => l.StartsWith(policy + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Assert.Contains($"saving over run-now ({Kg("run-now").ToString("0.0", CultureInfo.InvariantCulture)} kg)", lines[title], StringComparison.Ordinal);
        foreach (var policy in new[] { "greedy", "optimal" })
        {
            var row = lines.Skip(title + 2).First(l => l.StartsWith(policy + " ", StringComparison.Ordinal));
            var cells = Cell().Matches(row);
            Assert.True(cells.Count == 5, row);
            var all = double.Parse(cells[4].Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(Kg("run-now") - Kg(policy), all, 0.151); // three figures, each rounded to 0.1 kg
            // One site and a one-step-aligned workload: with capping and time off, place alone is run-now.
            Assert.Equal("0.0", cells[2].Groups[1].Value);
        }
        Assert.DoesNotContain(lines.Skip(title + 2), l => l.StartsWith("run-now ", StringComparison.Ordinal));
    }

    /// <summary>The share of optimal's capping-off saving, recomputed from the cells bench.json holds (run-now and each
    /// policy's emissions with time and place on), matches what the bench reports and prints.</summary>
    [Fact]
    public async Task TheShareOfOptimalsSaving_WithCappingOff_IsRecomputedFromTheCells()
    {
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "out");
        var (code, o, e) = await TandemCli.Run("bench", "scheduler", "--scenario", TinyScenario(dir), "--policy", "run-now,greedy,mpc,optimal", "--out", outDir);
        Assert.True(code == 0, e);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bench.json")));
        var split = json.RootElement[0].GetProperty("saving_by_source");
        var runNow = split.GetProperty("run_now_kg").GetDouble();
        double Kg(string policy) => split.GetProperty("cells").EnumerateArray()
            .First(c => c.GetProperty("policy").GetString() == policy && c.GetProperty("levers").GetString() == "time+place").GetProperty("emissions_kg").GetDouble();
        var best = runNow - Kg("optimal");
        Assert.True(best > 0.005 * runNow, $"optimal saves {best} of {runNow} kg with capping off: the tiny scenario should leave room to shift");
        foreach (var policy in new[] { "greedy", "mpc" })
        {
            var expected = (runNow - Kg(policy)) / best;
            Assert.Equal(expected, split.GetProperty("share_of_optimal_capping_off").GetProperty(policy).GetDouble(), 9);
            Assert.Contains($"with capping off, {policy} achieves {expected.ToString("P1", CultureInfo.InvariantCulture)} of optimal's emissions saving", o, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BenchScheduler_ABadLeverList_ExitsTwoNamingTheOption()
    {
        using var dir = new TempFolder();
        var (code, o, e) = await TandemCli.Run("bench", "scheduler", "--scenario", TinyScenario(dir), "--policy", "run-now", "--levers", "nonsense");
        Assert.Equal(2, code);
        Assert.Contains("--levers", e, StringComparison.Ordinal);
        Assert.Contains("nonsense", e, StringComparison.Ordinal);
        Assert.Equal("", o);
    }

    [Fact]
    public async Task BenchScheduler_WithSomeLeversAndNoSplit_SaysWhichLevers_AndPrintsNoSplit()
    {
        using var dir = new TempFolder();
        var (code, o, e) = await TandemCli.Run("bench", "scheduler", "--scenario", TinyScenario(dir), "--policy", "run-now,greedy", "--levers", "time,place", "--no-split");
        Assert.True(code == 0, e);
        Assert.Contains("levers: time,place", o, StringComparison.Ordinal);
        Assert.DoesNotContain("by source", o, StringComparison.Ordinal);
    }
}
