using System.Text.Json;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>`tandem plan` writes the commands a policy issues; `tandem simulate --replay` carries them out and lands on
/// the same totals, checked by the validator like any policy.</summary>
public class PlanCommandTests
{
    internal static string Tiny(TempFolder dir, bool rich = false)
    {
        var csv = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n");
        for (var h = 0; h < 48; h++) csv.Append($"2022-06-01T00:00:00Z".Replace("01T00", $"{1 + h / 24:00}T{h % 24:00}", StringComparison.Ordinal) + $",{(h % 24 is >= 10 and <= 15 ? 100 : 500)},{40 + h % 24}\n");
        dir.Write("grid.csv", csv.ToString());
        var jobs = string.Join(",", Enumerable.Range(0, 8).Select(i =>
            $$"""{ "id": "j{{i}}", "gpus": {{1 + i % 2}}, "work_gpu_hours": {{2 + i}}, "submit": "2022-06-01T0{{i}}:00:00Z", "deadline": "2022-06-02T20:00:00Z", "allowed_sites": ["a"], "tier": "relaxed", "interruptible": {{(i % 2 == 0 ? "true" : "false")}} }"""));
        // The rich variant: a power curve with three levels, and online inference from the demo's Azure LLM trace.
        var curve = rich ? """, "power_curve": { "levels": [ { "limit_fraction": 0.5, "throughput": 0.7, "power_fraction": 0.45 }, { "limit_fraction": 0.75, "throughput": 0.9, "power_fraction": 0.7 }, { "limit_fraction": 1, "throughput": 1, "power_fraction": 1 } ] }""" : "";
        var trace = System.Text.Json.JsonSerializer.Serialize(Path.Combine(SharedData.RepoRoot(), "examples", "demo", "data", "azure_llm_inference_2023_code.csv.gz"));
        var inference = rich ? $$""", "inference": [ { "region": "r", "trace": { "file": {{trace}}, "format": "azure-llm" }, "allowed_sites": ["a"], "peak_gpus": 1.5, "stretch_to_hours": 24 } ]""" : "";
        return dir.Write("s.json", $$"""
            { "name": "tiny", "start": "2022-06-01T00:00:00Z", "end": "2022-06-03T00:00:00Z", "step_minutes": 60, "currency": "USD",
              "sites": [ { "id": "a", "time_zone": "UTC", "grid_limit_kw": 20, "pue": 1.2,
                           "pools": [ { "id": "p", "count": 4, "idle_power_w": 50, "max_power_w": 400{{curve}} } ],
                           "grid": { "carbon": { "file": "grid.csv", "format": "tandem-csv" }, "price": { "file": "grid.csv", "format": "tandem-csv" } } } ],
              "workload": { "jobs": [ {{jobs}} ]{{inference}} } }
            """);
    }

    [Theory]
    [InlineData("mpc")]
    [InlineData("optimal")]
    [InlineData("run-now")]
    public async Task Plan_ThenReplay_GivesTheSameTotals(string policy)
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir, rich: true);
        var planPath = Path.Combine(dir.Path, "plan.json");
        var (code, o, e) = await TandemCli.Run("plan", "--scenario", scenario, "--policy", policy, "--out", planPath);
        Assert.True(code == 0, e);
        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(planPath, TestContext.Current.CancellationToken));
        var commands = plan.RootElement.GetProperty("commands").EnumerateArray().ToList();
        var starts = commands.Where(c => c.GetProperty("command").GetString() == "start").ToList();
        Assert.Equal(8, starts.Count);
        Assert.Contains(commands, c => c.GetProperty("command").GetString() == "serve");
        Assert.Equal(policy == "optimal", plan.RootElement.GetProperty("foresight").GetBoolean());
        if (policy != "run-now")
        {
            // The planners capped some jobs below full power (level 2 of 0..2), and said why they started each job.
            Assert.Contains(starts, c => c.GetProperty("level").GetInt32() < 2);
            var reasoned = starts.Where(c => c.TryGetProperty("expected_emissions_kg", out _)).ToList();
            Assert.NotEmpty(reasoned);
            Assert.All(reasoned, c => Assert.True(c.GetProperty("expected_cost").GetDouble() > 0 && c.TryGetProperty("deadline_slack_hours", out _)));
        }

        var db = Path.Combine(dir.Path, "runs.db");
        (code, o, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--policy", policy, "--out", Path.Combine(dir.Path, "direct"), "--db", db);
        Assert.True(code == 0, e);
        (code, o, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--replay", planPath, "--out", Path.Combine(dir.Path, "replayed"), "--db", db);
        Assert.True(code == 0, e);
        Assert.Contains($"replay:{policy}", o, StringComparison.Ordinal);
        JsonElement Summary(string folder) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, folder, "summary.json"))).RootElement.GetProperty("policies")[0].Clone();
        var (direct, replayed) = (Summary("direct"), Summary("replayed"));
        foreach (var field in new[] { "energy_kwh", "grid_energy_kwh", "onsite_energy_kwh", "emissions_kg", "cost", "green_share", "mean_delay_hours", "inference_unserved_fraction" })
            Assert.Equal(direct.GetProperty(field).GetDouble(), replayed.GetProperty(field).GetDouble(), 9);
        Assert.Equal(direct.GetProperty("jobs_completed").GetInt32(), replayed.GetProperty("jobs_completed").GetInt32());
        Assert.Equal(policy == "optimal", replayed.GetProperty("planning").GetProperty("foresight").GetBoolean());
    }

    [Fact]
    public async Task Replay_OfABrokenPlan_Exits2NamingTheField()
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var bad = dir.Write("bad.json", """{ "policy": "x", "commands": [ { "at": "2022-06-01T00:00:00Z", "command": "start", "job": "j0", "site": "a", "pool": "p" } ] }""");
        var (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--replay", bad, "--out", Path.Combine(dir.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains("commands[0].level", e, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "o")));
        var off = dir.Write("off.json", """{ "policy": "x", "commands": [ { "at": "2023-01-01T00:00:00Z", "command": "pause", "job": "j0" } ] }""");
        (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--replay", off, "--out", Path.Combine(dir.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains("--replay", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("3")]
    public async Task Replay_OfAPlanThatIsNotAnObject_Exits2NamingTheFile(string json)
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var bad = dir.Write("bad.json", json);
        var (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--replay", bad, "--out", Path.Combine(dir.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains($"{bad}: must be a JSON object with policy and commands", e, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "o")));
    }

    [Fact]
    public async Task Plan_ToAFolder_Exits2NamingOut_AndWritesNothing()
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "existing")).FullName;
        var (code, _, e) = await TandemCli.Run("plan", "--scenario", scenario, "--policy", "mpc", "--out", folder);
        Assert.Equal(2, code);
        Assert.Contains($"--out: {folder}", e, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task Plan_ToAPathThatCannotBeWritten_Exits2NamingOut()
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var (code, _, e) = await TandemCli.Run("plan", "--scenario", scenario, "--policy", "mpc", "--out", "/proc/x/plan.json");
        Assert.Equal(2, code);
        Assert.Contains("--out: /proc/x/plan.json", e, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mpc.horizon_hours=-5", "--option: mpc.horizon_hours: -5 must lie between 1 and 720")]
    [InlineData("mpc.slack_reserve=2", "--option: mpc.slack_reserve: 2 must lie in [0, 1)")]
    [InlineData("mpc.horizon=3", "--option: mpc.horizon: mpc has no such option; it has horizon_hours, slack_reserve, urgency_margin, power_levels, urgent_reserve, move_band, forecaster")]
    [InlineData("optimal.x=1", "--option: 'optimal' is not one of the policies run (mpc)")]
    [InlineData("slack", "--option: 'slack' is not policy.key=value")]
    public async Task ABadPolicyOption_Exits2_NamingIt(string option, string message)
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--policy", "mpc", "--option", option, "--out", Path.Combine(dir.Path, "o"));
        Assert.Equal(2, code);
        Assert.Contains(message, e, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "o")));
    }

    [Fact]
    public async Task APolicyOption_ReachesThePolicy()
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var (code, _, e) = await TandemCli.Run("plan", "--scenario", scenario, "--policy", "mpc", "--option", "mpc.horizon_hours=6", "--out", Path.Combine(dir.Path, "short.json"));
        Assert.True(code == 0, e);
        (code, _, e) = await TandemCli.Run("plan", "--scenario", scenario, "--policy", "mpc", "--out", Path.Combine(dir.Path, "week.json"));
        Assert.True(code == 0, e);
        // Six hours ahead cannot see the next day's clean midday hours that a week's horizon plans for.
        Assert.NotEqual(await File.ReadAllTextAsync(Path.Combine(dir.Path, "short.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(Path.Combine(dir.Path, "week.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Simulate_ToAnOutputThatIsAFile_OrCannotBeWritten_Exits2NamingOut()
    {
        using var dir = new TempFolder();
        var scenario = Tiny(dir);
        var file = dir.Write("taken", "x");
        var (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--policy", "run-now", "--out", file, "--db", Path.Combine(dir.Path, "r.db"));
        Assert.Equal(2, code);
        Assert.Contains("--out:", e, StringComparison.Ordinal);
        (code, _, e) = await TandemCli.Run("simulate", "--scenario", scenario, "--policy", "run-now", "--out", "/proc/x/out", "--db", Path.Combine(dir.Path, "r.db"));
        Assert.Equal(2, code);
        Assert.Contains("--out: /proc/x/out", e, StringComparison.Ordinal);
    }
}
