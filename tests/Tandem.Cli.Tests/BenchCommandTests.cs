using System.Text.Json;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public async Task BenchScheduler_PrintsEveryPolicyAndTheRatios()
    {
        using var dir = new TempFolder();
        var csv = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n");
        for (var h = 0; h < 24; h++) csv.Append($"2022-06-01T{h:00}:00:00Z,{(h is >= 10 and <= 15 ? 100 : 500)},{40 + h}\n");
        dir.Write("grid.csv", csv.ToString());
        var jobs = string.Join(",", Enumerable.Range(0, 6).Select(i =>
            $$"""{ "id": "j{{i}}", "gpus": {{1 + i % 2}}, "work_gpu_hours": {{2 + i}}, "submit": "2022-06-01T0{{i}}:00:00Z", "deadline": "2022-06-01T23:00:00Z", "allowed_sites": ["a"], "tier": "relaxed" }"""));
        var scenario = dir.Write("s.json", $$"""
            { "name": "tiny", "start": "2022-06-01T00:00:00Z", "end": "2022-06-02T00:00:00Z", "step_minutes": 60, "currency": "USD",
              "sites": [ { "id": "a", "time_zone": "UTC", "grid_limit_kw": 20, "pue": 1.2,
                           "pools": [ { "id": "p", "count": 4, "idle_power_w": 50, "max_power_w": 400 } ],
                           "grid": { "carbon": { "file": "grid.csv", "format": "tandem-csv" }, "price": { "file": "grid.csv", "format": "tandem-csv" } } } ],
              "workload": { "jobs": [ {{jobs}} ] } }
            """);
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await TandemCommand.RunAsync(["bench", "scheduler", "--scenario", scenario, "--out", dir.Path], o, e, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.True(code == 0, e.ToString());
        var text = o.ToString();
        foreach (var policy in new[] { "run-now", "wait-awhile", "greedy", "mpc", "mpc-lightgbm", "optimal" }) Assert.Contains(policy, text, StringComparison.Ordinal);
        Assert.Contains("of optimal's emissions reduction", text, StringComparison.Ordinal);
        Assert.Contains("greedy objective / optimal objective", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "bench.json"), TestContext.Current.CancellationToken));
        var policies = json.RootElement[0].GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(6, policies.Count);
        // All six jobs fit in the clean midday hours, which every planner finds: none is dirtier than run-now.
        var now = policies.Single(p => p.GetProperty("policy").GetString() == "run-now").GetProperty("emissions_kg").GetDouble();
        var opt = policies.Single(p => p.GetProperty("policy").GetString() == "optimal").GetProperty("emissions_kg").GetDouble();
        Assert.True(opt < now, $"optimal {opt} kg should be below run-now {now} kg");
    }
}
