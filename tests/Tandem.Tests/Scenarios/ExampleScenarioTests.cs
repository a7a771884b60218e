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

    [Fact]
    public void TheExamples_IncludeTheBusyTrainingAndBatchScenarios()
    {
        var expected = new HashSet<string> { "demo", "training-ciso", "training-de-gb", "training-flat", "batch-au", "china-east-west" };
        Assert.Superset(expected, Folders().ToHashSet());
    }
}
