using Tandem.Loop;
using System.Text.Json.Nodes;
using Tandem.Formats;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scenarios;

/// <summary>The loader meets the demo scenario damaged one value at a time (issue 8, section 6): every outcome is a
/// scenario that loads and runs, or a list of problems naming the damaged field. No other exception, no hang.</summary>
public class ScenarioMutationTests
{
    private const int Seed = 20261127;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    // The demo on one day with a hundredth of its arrivals: every value path of the demo, milliseconds a case.
    private static readonly JsonNode Base = ScenarioMutation.OneDayDemo();

    [Fact]
    public async Task EveryMutationOfTheDemo_LoadsAndRuns_OrIsRejectedNamingTheField()
    {
        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var (path, mutation) in cases)
            if (await Verdict(path, mutation) is { } wrong) failures.Add($"{path} {mutation}: {wrong}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} mutations went wrong:\n{string.Join("\n", failures)}");
    }

    /// <summary>The cases issue 8 names, each with the exact problem it now gives.</summary>
    public static TheoryData<string, Mutation, string> IssueCases => new()
    {
        { "sites[1]", Mutation.Null, "is null; give a site or remove the entry" },
        { "sites[0].pools[0]", Mutation.Null, "is null; give a GPU pool or remove the entry" },
        { "workload.traces[0]", Mutation.Null, "is null; give a trace or remove the entry" },
        { "workload.inference[1]", Mutation.Null, "is null; give an inference region or remove the entry" },
        { "workload.inference[0].trace", Mutation.Null, "needs file and format (azure-llm or mooncake)" },
        { "workload.traces[0].arrival_days", Mutation.Huge, "1E+308 is above the limit of 3,660 days (ten years)" },
        { "workload.traces[1].checkpoint_overhead_minutes", Mutation.TwoToThe63, "9.223372036854776E+18 is above the limit of 1,440 minutes (a day)" },
        { "sites[0].grid.tou.prices_per_kwh.peak", Mutation.Huge, "1E+308 lies outside ±1,000,000 per kWh" },
        { "exchange_rates.USD", Mutation.Huge, "1E+308 must lie between 0.000001 and 1,000,000" },
        { "workload.traces[0].jobs_per_day", Mutation.TwoToThe63, "9.223372036854776E+18 is above the limit of 100,000 jobs per day" },
        { "sites[2].pools[0].count", Mutation.TwoToThe63, "must be a whole number within ±2,147,483,647" },
    };

    [Theory]
    [MemberData(nameof(IssueCases))]
    public void TheIssuesCases_AreRejected_WithTheirField(string path, Mutation mutation, string message)
    {
        var json = ScenarioMutation.Apply(Base, path, mutation).ToJsonString();
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Parse(json, ScenarioMutation.DemoFolder, "scenario.json"));
        Assert.Contains(e.Problems, p => p.Field == path && p.Message == message && p.File == "scenario.json");
    }

    /// <summary>The demo now takes China's carbon from published factors; the issue's case of a huge constant still
    /// gets its field named when a site states a constant.</summary>
    [Fact]
    public void AHugeCarbonConstant_IsRejected_WithItsField()
    {
        var doc = Base.DeepClone();
        var grid = doc["sites"]![1]!["grid"]!.AsObject();
        grid.Remove("carbon_factor");
        grid["carbon_constant_g_per_kwh"] = 1e308;
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Parse(doc.ToJsonString(), ScenarioMutation.DemoFolder, "scenario.json"));
        Assert.Contains(e.Problems, p => p.Field == "sites[1].grid.carbon_constant_g_per_kwh" && p.Message == "1E+308 must lie between 0 and 10,000 g/kWh");
    }

    [Fact]
    public void TheCases_CoverEveryPath_AndEveryMutationOften()
    {
        var cases = Cases().ToList();
        Assert.Equal(ScenarioMutation.Paths(Base).ToHashSet(), cases.Select(c => c.Path).ToHashSet());
        Assert.All(Enum.GetValues<Mutation>(), m => Assert.True(cases.Count(c => c.Mutation == m) >= 100, $"{m} is rare"));
        Assert.True(cases.Count >= 700, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Distinct().Count());
    }

    /// <summary>The demo has 237 value paths, so 1,422 pairs of path and mutation: about 25 s of CPU, too much for
    /// every test run on a two-core machine. A run takes every path with three of the six mutations, drawn with a
    /// fixed seed: 711 cases, the same in every run. TANDEM_MUTATIONS=all takes every pair.</summary>
    private static IEnumerable<(string Path, Mutation Mutation)> Cases()
    {
        var all = Environment.GetEnvironmentVariable("TANDEM_MUTATIONS") == "all";
        var random = new Random(Seed);
        foreach (var path in ScenarioMutation.Paths(Base))
        {
            var kinds = Enum.GetValues<Mutation>().OrderBy(_ => random.Next()).ToArray();
            foreach (var m in all ? kinds : kinds[..3]) yield return (path, m);
        }
    }

    /// <summary>Null when the outcome is acceptable, else what went wrong.</summary>
    private static async Task<string?> Verdict(string path, Mutation mutation)
    {
        var json = ScenarioMutation.Apply(Base, path, mutation).ToJsonString();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var work = Task.Run(() =>
        {
            var scenario = ScenarioLoader.Parse(json, ScenarioMutation.DemoFolder, "scenario.json");
            PlanActLoop.Run(scenario, PolicyCatalog.Create("run-now")!, cancellationToken: cancel.Token);
        }, cancel.Token);
        try
        {
            await work.WaitAsync(PerCase, TestContext.Current.CancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            await cancel.CancelAsync();
            return $"no outcome within {PerCase.TotalSeconds} s";
        }
        catch (DataFileException e)
        {
            if (e.Problems.Count == 0) return "rejected with no problem listed";
            if (e.Problems.Any(p => p.File.Length == 0)) return $"a problem names no file: {e.Message}";
            return e.Problems.Any(p => Names(p, path)) ? null : $"rejected without naming the field: {e.Message}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Whether a problem points at the damage: its field is the damaged path, lies above or below it, or
    /// beside it (carbon_constant_g_per_kwh gone: "carbon is required"); or its message names what was damaged (a
    /// site id that jobs refer to, an exchange rate that prices need, a TOU band).</summary>
    private static bool Names(DataProblem problem, string path)
    {
        var field = problem.Field.Split(" → ")[0].Split(" (")[0];
        static bool Under(string a, string b) => a == b || a.StartsWith(b + ".", StringComparison.Ordinal) || a.StartsWith(b + "[", StringComparison.Ordinal);
        static string Parent(string p) => p[..Math.Max(0, Math.Max(p.LastIndexOf('.'), p.LastIndexOf('[')))];
        if (Under(field, path) || Under(path, field) || Parent(path).Length > 0 && Parent(field) == Parent(path)) return true;
        var original = ScenarioMutation.Find(Base, path);
        var words = new[] { path.Split('.')[^1], (original as JsonValue)?.ToString(), (original as JsonObject)?["id"]?.ToString() };
        return words.Any(w => w is { Length: >= 3 } && problem.Message.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
