using System.Diagnostics;
using System.Text.Json;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>`tandem simulate --policy optimal` as a separate process: a native solver writes to the process's real
/// stdout, which an in-process run cannot see.</summary>
public class SimulateCommandTests
{
    /// <summary>Six jobs on one site for a day, all fitting in the clean midday hours.</summary>
    private static string TinyScenario(TempFolder dir)
    {
        var csv = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n");
        for (var h = 0; h < 24; h++) csv.Append($"2022-06-01T{h:00}:00:00Z,{(h is >= 10 and <= 15 ? 100 : 500)},{40 + h}\n");
        dir.Write("grid.csv", csv.ToString());
        var jobs = string.Join(",", Enumerable.Range(0, 6).Select(i =>
            $$"""{ "id": "j{{i}}", "gpus": {{1 + i % 2}}, "work_gpu_hours": {{2 + i}}, "submit": "2022-06-01T0{{i}}:00:00Z", "deadline": "2022-06-01T23:00:00Z", "allowed_sites": ["a"], "tier": "relaxed" }"""));
        return dir.Write("s.json", $$"""
            { "name": "tiny", "start": "2022-06-01T00:00:00Z", "end": "2022-06-02T00:00:00Z", "step_minutes": 60, "currency": "USD",
              "sites": [ { "id": "a", "time_zone": "UTC", "grid_limit_kw": 20, "pue": 1.2,
                           "pools": [ { "id": "p", "count": 4, "idle_power_w": 50, "max_power_w": 400 } ],
                           "grid": { "carbon": { "file": "grid.csv", "format": "tandem-csv" }, "price": { "file": "grid.csv", "format": "tandem-csv" } } } ],
              "workload": { "jobs": [ {{jobs}} ] } }
            """);
    }

    [Fact]
    public async Task SimulateOptimal_StdoutCarriesOnlyResults_AndTheMethodIsReported()
    {
        using var dir = new TempFolder();
        var scenario = TinyScenario(dir);
        var outDir = Path.Combine(dir.Path, "out");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Tandem.Cli.dll"), "simulate", "--scenario", scenario, "--policy", "greedy,optimal",
                     "--out", outDir, "--db", Path.Combine(dir.Path, "runs.db") })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var (o, e) = (await stdout, await stderr);
        Assert.True(process.ExitCode == 0, e);

        // HiGHS's banner ("Running HiGHS 1.12.0 (git hash: …): Copyright (c) 2025 HiGHS under MIT licence terms")
        // and its progress lines would land here if the solver were not silenced before its first option.
        Assert.DoesNotContain("HiGHS", o, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Copyright", o, StringComparison.Ordinal);
        var lines = o.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Scenario tiny:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("policy ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("optimal ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("exact MILP (proven optimal); perfect foresight (oracle)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("greedy ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("heuristic (greedy); perfect foresight (oracle)", StringComparison.Ordinal));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"), TestContext.Current.CancellationToken));
        var optimal = summary.RootElement.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("policy").GetString() == "optimal").GetProperty("planning");
        Assert.Equal("exact_milp", optimal.GetProperty("method").GetString());
        Assert.Equal("HIGHS_MIP", optimal.GetProperty("solver").GetString());
        Assert.True(optimal.GetProperty("proven_optimal").GetBoolean());
        Assert.Equal(0, optimal.GetProperty("relative_gap_fraction").GetDouble());
        Assert.Equal(optimal.GetProperty("plan_objective").GetDouble(), optimal.GetProperty("lower_bound").GetDouble(), 9);
        Assert.Empty(optimal.GetProperty("model_reductions").EnumerateArray());
        Assert.True(optimal.GetProperty("foresight").GetBoolean());
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("<table id=\"planning\">", html, StringComparison.Ordinal);
        Assert.Contains("exact MILP (proven optimal)", html, StringComparison.Ordinal);
    }
}
