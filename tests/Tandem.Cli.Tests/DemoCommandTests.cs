using System.Text.Json;
using Tandem.Scenarios;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>The `tandem` command end to end, in process, on the built-in demo and on bad input.</summary>
public class DemoCommandTests
{
    [Fact]
    public async Task Demo_WritesSummaryReportAndCharts_AndRecordsTheRun()
    {
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "out");
        var db = Path.Combine(dir.Path, "runs.db");
        var (code, stdout, stderr) = await TandemCli.Run("demo", "--policy", "run-now,wait-awhile", "--out", outDir, "--db", db);
        Assert.True(code == 0, stderr);
        Assert.Contains("run-now", stdout, StringComparison.Ordinal);
        Assert.Contains("wait-awhile: 100%", stderr, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"), TestContext.Current.CancellationToken));
        var policies = summary.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["run-now", "wait-awhile"], policies.Select(p => p.GetProperty("policy").GetString()));
        var jobs = ScenarioLoader.Load(Path.Combine(SharedData.RepoRoot(), "examples", "demo", "scenario.json")).Jobs.Count;
        foreach (var p in policies)
        {
            foreach (var field in new[] { "energy_kwh", "emissions_kg", "cost", "green_share", "jobs_total", "jobs_completed", "deadline_misses", "mean_delay_hours", "inference_unserved_fraction", "wall_seconds" })
                Assert.True(p.TryGetProperty(field, out _), $"summary.json lacks {field}");
            Assert.Equal("CNY", p.GetProperty("currency").GetString());
            Assert.Equal(jobs, p.GetProperty("jobs_total").GetInt32());
            var parts = p.GetProperty("onsite_energy_kwh").GetDouble() + p.GetProperty("battery_energy_kwh").GetDouble() + p.GetProperty("grid_energy_kwh").GetDouble();
            Assert.Equal(p.GetProperty("energy_kwh").GetDouble(), parts, 3);
        }
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        foreach (var png in new[] { "totals-emissions.png", "site-ningxia-carbon.png", "site-jiangsu-price.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(outDir, png), TestContext.Current.CancellationToken);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }

        var (listCode, list, _) = await TandemCli.Run("runs", "list", "--db", db);
        Assert.Equal(0, listCode);
        Assert.Contains("china-east-west-demo", list, StringComparison.Ordinal);
        var (showCode, show, _) = await TandemCli.Run("runs", "show", "1", "--db", db);
        Assert.Equal(0, showCode);
        // One type for a run's totals: runs show renders the stored summary as the same table simulate printed, to the
        // method column (which the run store does not keep).
        static string[] Row(string text, string policy) => text.Split('\n').First(l => l.StartsWith(policy + " ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[..11];
        Assert.Equal(Row(stdout, "wait-awhile"), Row(show, "wait-awhile"));
    }

    [Fact]
    public async Task ABadScenario_Exits2_NamesTheField_AndWritesNothing()
    {
        using var dir = new TempFolder();
        var scenario = dir.Write("bad.json", """{ "name": "x", "start": "2020-06-01 00:00", "end": "2020-06-02T00:00:00Z", "step_minutes": 60, "currency": "CNY", "sites": [] }""");
        var outDir = Path.Combine(dir.Path, "out");
        var db = Path.Combine(dir.Path, "runs.db");
        var (code, _, stderr) = await TandemCli.Run("simulate", "--scenario", scenario, "--out", outDir, "--db", db);
        Assert.Equal(2, code);
        Assert.Contains("start", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(db));
    }

    /// <summary>Damage that once crashed or hung the CLI (issue 8, section 6), on the demo cut to one day.</summary>
    public static TheoryData<string, Mutation> DamagedDemos => new()
    {
        { "sites[0]", Mutation.Null },
        { "sites[1].pools[0]", Mutation.Null },
        { "sites[0].grid.tou.periods[2]", Mutation.Null },
        { "workload.traces[0]", Mutation.Null },
        { "workload.inference[1]", Mutation.Null },
        { "workload.traces[0].arrival_days", Mutation.Huge },
        { "workload.traces[1].checkpoint_overhead_minutes", Mutation.TwoToThe63 },
        { "workload.traces[0].jobs_per_day", Mutation.TwoToThe63 },
        { "workload.inference[0].stretch_to_hours", Mutation.Huge },
        { "sites[1].grid.tou.prices_per_kwh.peak", Mutation.Huge },
        { "sites[2].pue", Mutation.Huge },
        { "exchange_rates.USD", Mutation.Huge },
        { "sites[2].grid_limit_kw", Mutation.Text },
    };

    [Theory]
    [MemberData(nameof(DamagedDemos))]
    public async Task ADamagedDemo_Exits2_NamingTheFileAndField_AndWritesNothing(string path, Mutation mutation)
    {
        using var dir = new TempFolder();
        foreach (var file in Directory.GetFiles(Path.Combine(ScenarioMutation.DemoFolder, "data")))
            File.Copy(file, Path.Combine(Directory.CreateDirectory(Path.Combine(dir.Path, "data")).FullName, Path.GetFileName(file)));
        var scenario = dir.Write("damaged.json", ScenarioMutation.Apply(ScenarioMutation.OneDayDemo(), path, mutation).ToJsonString());
        var outDir = Path.Combine(dir.Path, "out");
        var db = Path.Combine(dir.Path, "runs.db");
        var (code, _, stderr) = await TandemCli.Run("simulate", "--scenario", scenario, "--policy", "run-now", "--out", outDir, "--db", db);
        Assert.True(code == 2, stderr);
        Assert.Matches($@"damaged\.json(:\d+)?: {System.Text.RegularExpressions.Regex.Escape(path)}: ", stderr);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task AnUnknownPolicy_Exits2()
    {
        using var dir = new TempFolder();
        var (code, _, stderr) = await TandemCli.Run("demo", "--policy", "run-now,psychic", "--out", Path.Combine(dir.Path, "o"), "--db", Path.Combine(dir.Path, "d.db"));
        Assert.Equal(2, code);
        Assert.Contains("psychic", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "o")));
        var (code2, _, stderr2) = await TandemCli.Run("demo", "--objective", "vibes", "--out", Path.Combine(dir.Path, "o"), "--db", Path.Combine(dir.Path, "d.db"));
        Assert.Equal(2, code2);
        Assert.Contains("--objective", stderr2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowingAMissingRun_Exits2()
    {
        using var dir = new TempFolder();
        var (code, _, stderr) = await TandemCli.Run("runs", "show", "abc", "--db", Path.Combine(dir.Path, "d.db"));
        Assert.Equal(2, code);
        Assert.Contains("id", stderr, StringComparison.Ordinal);
    }
}
