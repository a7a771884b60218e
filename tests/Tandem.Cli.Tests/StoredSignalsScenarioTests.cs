using System.Text.Json;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>A scenario that takes its grid signals from the signal store runs to the same figures as the same scenario
/// reading the files, and a missing series is an input error naming the field.</summary>
public class StoredSignalsScenarioTests
{
    internal static string Scenario(string carbon, string price) => $$"""
        { "name": "stored", "start": "2020-06-01T00:00:00Z", "end": "2020-06-03T00:00:00Z", "step_minutes": 60, "currency": "USD",
          "history_days": 2,
          "sites": [ { "id": "ca", "time_zone": "UTC", "grid_limit_kw": 50, "pue": 1.2,
                       "pools": [ { "id": "p", "count": 8, "idle_power_w": 50, "max_power_w": 400 } ],
                       "grid": { "zone": "US-CAL-CISO", "carbon": {{carbon}}, "cfe_share": {{carbon.Replace("\"dacf\" }", "\"dacf\", \"column\": \"cfe_share_fraction\" }", StringComparison.Ordinal)}}, "price": {{price}} } } ],
          "workload": { "jobs": [
            { "id": "a", "gpus": 4, "work_gpu_hours": 20, "submit": "2020-06-01T02:00:00Z", "deadline": "2020-06-02T20:00:00Z", "allowed_sites": ["ca"], "tier": "relaxed" },
            { "id": "b", "gpus": 2, "work_gpu_hours": 6, "submit": "2020-06-01T09:00:00Z", "deadline": "2020-06-02T23:00:00Z", "allowed_sites": ["ca"], "tier": "relaxed" } ] } }
        """;

    [Fact]
    public async Task ScenarioOnStoredSignals_MatchesTheSameScenarioOnFiles()
    {
        using var dir = new TempFolder();
        var data = Path.Combine(SharedData.RepoRoot(), "examples", "demo", "data");
        var carbonFile = Path.Combine(data, "dacf_CISO_direct_emissions_2020-04-26_to_06-08.csv.gz");
        var priceFile = Path.Combine(data, "US-CAL-CISO_electricity_prices_2020-04-26_to_06-08.csv.gz");
        var db = Path.Combine(dir.Path, "t.db");
        var (code, _, e) = await TandemCli.Run("signals", "import", "--file", carbonFile, "--format", "dacf", "--zone", "US-CAL-CISO", "--db", db);
        Assert.True(code == 0, e);
        (code, _, e) = await TandemCli.Run("signals", "import", "--file", priceFile, "--format", "hourly-price-usd", "--zone", "US-CAL-CISO", "--db", db);
        Assert.True(code == 0, e);
        var files = dir.Write("files.json", Scenario(
            $$"""{ "file": {{JsonSerializer.Serialize(carbonFile)}}, "format": "dacf" }""", $$"""{ "file": {{JsonSerializer.Serialize(priceFile)}}, "format": "hourly-price-usd" }"""));
        var stored = dir.Write("stored.json", Scenario("""{ "store": "US-CAL-CISO" }""", """{ "store": "US-CAL-CISO" }"""));
        double Emissions(string folder) => Field(folder, "emissions_kg");
        double Field(string folder, string name)
        {
            using var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, folder, "summary.json")));
            return s.RootElement.GetProperty("policies")[0].GetProperty(name).GetDouble();
        }
        (code, _, e) = await TandemCli.Run("simulate", "--scenario", files, "--policy", "mpc", "--out", Path.Combine(dir.Path, "f"), "--db", db);
        Assert.True(code == 0, e);
        (code, _, e) = await TandemCli.Run("simulate", "--scenario", stored, "--policy", "mpc", "--out", Path.Combine(dir.Path, "s"), "--db", db);
        Assert.True(code == 0, e);
        Assert.True(Emissions("f") > 0);
        foreach (var field in new[] { "emissions_kg", "cost", "green_share", "energy_kwh", "mean_delay_hours" })
            Assert.Equal(Field("f", field), Field("s", field), 9);

        var missing = dir.Write("missing.json", Scenario("""{ "store": "DE" }""", """{ "store": "US-CAL-CISO" }"""));
        (code, _, e) = await TandemCli.Run("simulate", "--scenario", missing, "--policy", "mpc", "--out", Path.Combine(dir.Path, "m"), "--db", db);
        Assert.Equal(2, code);
        Assert.Contains("sites[0].grid.carbon.store", e, StringComparison.Ordinal);
    }
}
