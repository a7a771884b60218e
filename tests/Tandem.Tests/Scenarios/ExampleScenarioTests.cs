using Tandem.Formats;
using Tandem.Scenarios;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scenarios;

/// <summary>Every scenario shipped in examples/ loads without a problem. Those that read ../shared/data skip where it
/// is absent, and fail there when TANDEM_REQUIRE_SHARED_DATA=1.</summary>
public class ExampleScenarioTests
{
    private static string Examples => Path.Combine(SharedData.RepoRoot(), "examples");

    private static List<string> Folders() => Directory.GetDirectories(Examples)
        .Where(d => File.Exists(Path.Combine(d, "scenario.json")))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The folder name of every example.</summary>
    public static TheoryData<string> Names => new(Folders());

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryExample_Loads_WithJobsAndAZeusCurveOnEveryPool(string name)
    {
        var path = Path.Combine(Examples, name, "scenario.json");
        if (File.ReadAllText(path).Contains("shared/data/", StringComparison.Ordinal)) SharedData.RequireFolder();
        Scenario s;
        try { s = ScenarioLoader.Load(path); }
        catch (DataFileException e) { Assert.Fail($"{name}: {e.Message}"); throw; }
        Assert.Equal(name == "demo" ? "china-east-west-demo" : name, s.Name);
        Assert.NotEmpty(s.Jobs);
        // A power curve read from Zeus has a level per power limit swept, not the single full-power default.
        Assert.All(s.Sites.SelectMany(site => site.Pools), p => Assert.True(p.Curve.Levels.Count > 1, $"{name}: pool {p.Id} has no power curve"));
    }

    /// <summary>The busy examples keep their GPUs as busy as AI clusters are: the jobs' GPU-hours at full power are
    /// 60-80 % of the fleet's GPUs × the period (run-now finishes every job within the week, so this is what it uses),
    /// and the jobs that may pause have 24-72 h of slack beyond their run time.</summary>
    [Theory]
    [InlineData("training-ciso")]
    [InlineData("training-flat")]
    [InlineData("training-de-gb")]
    [InlineData("batch-au")]
    [InlineData("china-east-west")]
    public void TheBusyExamples_Use60To80PercentOfTheirGpuHours_WithADayOrThreeOfSlack(string name)
    {
        SharedData.RequireFolder();
        var s = ScenarioLoader.Load(Path.Combine(Examples, name, "scenario.json"));
        var gpuHours = s.Sites.Sum(site => site.Pools.Sum(p => p.Count)) * (s.Grid.End - s.Grid.Start).TotalHours;
        Assert.InRange(s.Jobs.Sum(j => j.WorkGpuHours) / gpuHours, 0.60, 0.80);
        Assert.All(s.Jobs.Where(j => j.Interruptible), j =>
            Assert.InRange((j.Deadline - j.EarliestStart - j.FullPowerRuntime - s.Grid.Step).TotalHours, 24 - 1e-6, 72 + 1e-6));
    }

    [Fact]
    public void TheExamples_IncludeTheBusyTrainingAndBatchScenarios()
    {
        var expected = new HashSet<string> { "demo", "training-ciso", "training-de-gb", "training-flat", "batch-au", "china-east-west" };
        Assert.Superset(expected, Folders().ToHashSet());
    }
}
