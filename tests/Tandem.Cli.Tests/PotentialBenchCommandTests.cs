using System.Text.Json;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

public class PotentialBenchCommandTests
{
    /// <summary>One site, PUE 1, four GPUs drawing nothing idle and 1 kW busy; four hours at 400, 100, 300, 200 g/kWh
    /// and 50, 60, 10, 20 USD/MWh. One job on all four GPUs for 2 h, due at the end. By hand: baseline hours 0-1, 4 kW ×
    /// (400 + 100) = 2.0 kg and 4 × (50 + 60) / 1000 = 0.44 USD; the best start for emissions is hour 1 (4 × 400 =
    /// 1.6 kg, 20 % less), for cost hour 2 (4 × 30 / 1000 = 0.12 USD, 72.7 % less); with one site, place saves nothing.</summary>
    [Fact]
    public async Task BenchPotential_PrintsTheHandWorkedNumbers_AndWritesJson()
    {
        using var dir = new TempFolder();
        dir.Write("grid.csv", "timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n2022-06-01T00:00:00Z,400,50\n2022-06-01T01:00:00Z,100,60\n2022-06-01T02:00:00Z,300,10\n2022-06-01T03:00:00Z,200,20\n");
        var scenario = dir.Write("s.json", """
            { "name": "tiny", "start": "2022-06-01T00:00:00Z", "end": "2022-06-01T04:00:00Z", "step_minutes": 60, "currency": "USD",
              "sites": [ { "id": "a", "time_zone": "UTC", "grid_limit_kw": 20, "pue": 1.0,
                           "pools": [ { "id": "p", "count": 4, "idle_power_w": 0, "max_power_w": 1000 } ],
                           "grid": { "carbon": { "file": "grid.csv", "format": "tandem-csv" }, "price": { "file": "grid.csv", "format": "tandem-csv" } } } ],
              "workload": { "jobs": [ { "id": "j", "gpus": 4, "work_gpu_hours": 8, "submit": "2022-06-01T00:00:00Z", "deadline": "2022-06-01T04:00:00Z", "allowed_sites": ["a"], "tier": "relaxed" } ] } }
            """);
        var (code, o, e) = await TandemCli.Run("bench", "potential", "--scenario", scenario, "--out", dir.Path);
        Assert.True(code == 0, e);
        var lines = o.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("== tiny: 1 sites, 1 jobs (0 without slack stay put, 0 left out), 4 steps", lines);
        Assert.Contains(lines, l => l.StartsWith("shifting potential: no capacity limits", StringComparison.Ordinal) && l.EndsWith("job energy at baseline 0.008 MWh", StringComparison.Ordinal));
        string[] Cells(string name) => lines.Single(l => l.StartsWith(name.PadRight(15), StringComparison.Ordinal))[15..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["2.0", "0.44"], Cells("baseline"));
        Assert.Equal(["1.6", "20.0", "%", "0.12", "72.7", "%"], Cells("time"));
        Assert.Equal(["2.0", "0.0", "%", "0.44", "0.0", "%"], Cells("place"));
        Assert.Equal(["1.6", "20.0", "%", "0.12", "72.7", "%"], Cells("time + place"));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "potential.json"), TestContext.Current.CancellationToken));
        var r = json.RootElement[0];
        Assert.Equal("tiny", r.GetProperty("scenario").GetString());
        Assert.Equal("USD", r.GetProperty("currency").GetString());
        Assert.Equal(2.0, r.GetProperty("emissions_kg").GetProperty("baseline").GetDouble(), 9);
        Assert.Equal(1.6, r.GetProperty("emissions_kg").GetProperty("time_and_place").GetDouble(), 9);
        Assert.Equal(0.2, r.GetProperty("emissions_saving_fraction").GetProperty("time").GetDouble(), 9);
        Assert.Equal(0.12, r.GetProperty("cost").GetProperty("time").GetDouble(), 9);
        Assert.Equal(8, r.GetProperty("baseline_energy_kwh").GetDouble(), 9);
    }

    [Fact]
    public async Task BenchPotential_AMissingScenario_ExitsTwoNamingTheOption()
    {
        using var dir = new TempFolder();
        var missing = Path.Combine(dir.Path, "nope.json");
        var (code, o, e) = await TandemCli.Run("bench", "potential", "--scenario", missing, "--out", dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("--scenario", e, StringComparison.Ordinal);
        Assert.Contains(missing, e, StringComparison.Ordinal);
        Assert.Equal("", o);
        Assert.False(File.Exists(Path.Combine(dir.Path, "potential.json")));
    }

    [Fact]
    public async Task BenchPotential_AScenarioWithProblems_ExitsTwoListingThem()
    {
        using var dir = new TempFolder();
        var bad = dir.Write("bad.json", """{ "name": "bad", "start": "2022-06-01T00:00:00Z", "end": "2022-06-01T04:00:00Z", "currency": "USD", "sites": [] }""");
        var (code, _, e) = await TandemCli.Run("bench", "potential", "--scenario", bad);
        Assert.Equal(2, code);
        Assert.Contains("step_minutes", e, StringComparison.Ordinal);
    }
}
