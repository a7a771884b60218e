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

    // The demo cut to one day with a hundredth of its arrivals, so that a load takes milliseconds and a run of what
    // loads takes a few more; the demo's every value path is still there to damage, with the demo's data files.
    private static readonly JsonNode Base = OneDayDemo();

    [Fact]
    public async Task EveryMutationOfTheDemo_LoadsAndRuns_OrIsRejectedNamingTheField()
    {
        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var (path, mutation) in cases)
            if (await Verdict(path, mutation) is { } wrong) failures.Add($"{path} {mutation}: {wrong}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} mutations went wrong:\n{string.Join("\n", failures)}");
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
            Simulator.Run(scenario, PolicyCatalog.Create("run-now")!, cancellationToken: cancel.Token);
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

    private static JsonNode OneDayDemo()
    {
        var demo = ScenarioMutation.Demo();
        demo["end"] = "2020-06-02T00:00:00Z";
        foreach (var trace in demo["workload"]!["traces"]!.AsArray())
            trace!["jobs_per_day"] = trace["jobs_per_day"]!.GetValue<double>() / 100;
        return demo;
    }
}
