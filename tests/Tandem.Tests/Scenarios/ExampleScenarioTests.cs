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
    [InlineData("training-ciso-dacf")]
    [InlineData("training-ciso-elastic")]
    public void TheBusyExamples_Use60To80PercentOfTheirGpuHours_WithADayOrThreeOfSlack(string name)
    {
        SharedData.RequireFolder();
        var s = ScenarioLoader.Load(Path.Combine(Examples, name, "scenario.json"));
        var gpuHours = s.Sites.Sum(site => site.Pools.Sum(p => p.Count)) * (s.Grid.End - s.Grid.Start).TotalHours;
        Assert.InRange(s.Jobs.Sum(j => j.WorkGpuHours) / gpuHours, 0.60, 0.80);
        Assert.All(s.Jobs.Where(j => j.Interruptible), j =>
            Assert.InRange((j.Deadline - j.EarliestStart - j.FullPowerRuntime - s.Grid.Step).TotalHours, 24 - 1e-6, 72 + 1e-6));
    }

    /// <summary>training-ciso-dacf carries DACF's day-ahead series as known-ahead signals: the values are the file's
    /// columns (rows read here as text), over the 28 days of history and the week.</summary>
    [Fact]
    public void TrainingCisoDacf_CarriesDacfsPublishedForecasts()
    {
        SharedData.RequireFolder();
        var s = ScenarioLoader.Load(Path.Combine(Examples, "training-ciso-dacf", "scenario.json"));
        var known = s.Signals.Site(0).KnownAhead;
        Assert.Equal(["carbon_forecast", "solar_forecast_kw", "wind_forecast_kw"], known.Select(k => k.Name));
        var grid = known[0].Values.Grid;
        Assert.Equal(s.Grid.Start - TimeSpan.FromDays(28), grid.Start);
        Assert.Equal(s.Grid.End, grid.End);
        // The file's rows for 2021-07-05 00:00 (the first hour of history) and 2021-08-02 00:00 (the start):
        // carbon_from_src_forecasts 140.57 and 179.91 g/kWh, avg_solar_production_forecast 8938.46 and 8803.77 MW.
        Assert.Equal(140.57, known[0].Values[0], 6);
        Assert.Equal(179.91, known[0].Values[28 * 24], 6);
        Assert.Equal(8_938_460, known[1].Values[0], 3);
        Assert.Equal(8_803_770, known[1].Values[28 * 24], 3);
        Assert.Equal(TimeSpan.Zero, known[0].IssuedBefore);
        Assert.Equal([Tandem.Signals.SignalKind.Carbon, null, null], known.Select(k => k.ForecastOf));
    }

    /// <summary>training-ciso-elastic is training-ciso with about half the runs elastic on 0.5-2x their GPUs.</summary>
    [Fact]
    public void TrainingCisoElastic_IsTrainingCisoWithHalfTheRunsElastic()
    {
        SharedData.RequireFolder();
        var plain = ScenarioLoader.Load(Path.Combine(Examples, "training-ciso", "scenario.json"));
        var elastic = ScenarioLoader.Load(Path.Combine(Examples, "training-ciso-elastic", "scenario.json"));
        Assert.Equal(plain.Jobs.Select(j => (j.Id, j.Gpus, j.WorkGpuHours, j.Deadline)), elastic.Jobs.Select(j => (j.Id, j.Gpus, j.WorkGpuHours, j.Deadline)));
        var count = elastic.Jobs.Count(j => j.Elastic is not null);
        Assert.Equal(ElasticJobs, count);
        Assert.All(elastic.Jobs.Where(j => j.Elastic is not null), j => Assert.Equal((j.Gpus / 2, j.Gpus * 2, 0.9), (j.Elastic!.MinGpus, j.Elastic.MaxGpus, j.Elastic.Exponent)));
    }

    /// <summary>Elastic runs in training-ciso-elastic (examples/README.md says so).</summary>
    private const int ElasticJobs = 44;

    [Fact]
    public void TheExamples_IncludeTheBusyTrainingAndBatchScenarios()
    {
        var expected = new HashSet<string> { "demo", "training-ciso", "training-de-gb", "training-flat", "batch-au", "china-east-west", "training-ciso-dacf", "training-ciso-elastic" };
        Assert.Superset(expected, Folders().ToHashSet());
    }
}
