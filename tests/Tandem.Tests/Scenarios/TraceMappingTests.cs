using System.Globalization;
using System.Text;
using Tandem.Formats;
using Tandem.Scenarios;
using Tandem.Tests.Testing;
using Tandem.Workloads;

namespace Tandem.Tests.Scenarios;

/// <summary>How a trace's jobs get their deadlines (the tier rule, or slack_hours for jobs that may pause) and which
/// run times it keeps.</summary>
public class TraceMappingTests
{
    private static readonly DateTimeOffset Start = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);

    private static string Scenario(string trace) => $$"""
        {
          "name": "t", "start": "2020-06-01T00:00:00Z", "end": "2020-06-03T00:00:00Z", "step_minutes": 60, "currency": "CNY",
          "sites": [ { "id": "a", "time_zone": "+08:00", "grid_limit_kw": 1000,
                       "pools": [ { "id": "p", "count": 64, "idle_power_w": 50, "max_power_w": 400 } ],
                       "grid": { "carbon_constant_g_per_kwh": 500, "tou": { "time_zone": "+08:00", "currency": "CNY",
                         "periods": [ { "from": "00:00", "to": "24:00", "band": "flat" } ], "prices_per_kwh": { "flat": 0.5 } } } },
                     { "id": "b", "time_zone": "+08:00", "grid_limit_kw": 1000,
                       "pools": [ { "id": "p", "count": 64, "idle_power_w": 50, "max_power_w": 400 } ],
                       "grid": { "carbon_constant_g_per_kwh": 500, "tou": { "time_zone": "+08:00", "currency": "CNY",
                         "periods": [ { "from": "00:00", "to": "24:00", "band": "flat" } ], "prices_per_kwh": { "flat": 0.5 } } } } ],
          "workload": { "traces": [ { {{trace}} } ] }
        }
        """;

    // Run times of 10 minutes to 40 hours.
    private static string Philly() =>
        "runtime\n" + string.Join("\n", Enumerable.Range(1, 240).Select(i => (i * 600).ToString(CultureInfo.InvariantCulture))) + "\n";

    private const string PhillyTrace = """
        "file": "philly.csv", "format": "philly-runtime", "jobs_per_day": 150, "seed": 3, "sites": ["a", "b"],
        "gpu_mix": { "1": 1, "8": 1 }, "tier_other": "standard"
        """;

    // Pods p00..p(n-1) created a minute apart from trace second 0: LS, BE and Burstable in turn, 1 to 4 hours long.
    private static string Alibaba(IEnumerable<int> pods)
    {
        var sb = new StringBuilder("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n");
        foreach (var i in pods)
        {
            var qos = (i % 3) switch { 0 => "LS", 1 => "BE", _ => "Burstable" };
            var created = 600 + i * 60;
            sb.Append(CultureInfo.InvariantCulture, $"pod-{i:D2},8000,16384,{1 + i % 2},1000,,{qos},Running,{created},{created + 3600 * (1 + i % 4)},{created}\n");
        }
        return sb.ToString();
    }

    private const string AlibabaTrace = """
        "file": "pods.csv", "format": "alibaba-gpu-2023", "trace_start": "2020-06-01T00:00:00Z", "sites": ["a", "b"],
        "tier_ls": "rigid", "tier_be": "relaxed", "tier_other": "standard"
        """;

    private static IReadOnlyList<Job> Load(TempFolder dir, string trace) =>
        ScenarioLoader.Load(dir.Write($"sc-{Guid.NewGuid():N}.json", Scenario(trace))).Jobs;

    private static double SlackHours(Job j) => (j.Deadline - j.EarliestStart - j.FullPowerRuntime - Step).TotalHours;

    [Fact]
    public void SlackHours_PutsEveryPhillyDeadline_WithinItsRange_PlusRuntime_PlusOneStep()
    {
        using var dir = new TempFolder();
        dir.Write("philly.csv", Philly());
        var jobs = Load(dir, PhillyTrace + """, "slack_hours": [24, 72] """);
        Assert.True(jobs.Count > 200, $"{jobs.Count} jobs");
        Assert.All(jobs, j => Assert.InRange(SlackHours(j), 24 - 1e-6, 72 + 1e-6));
        // Uniform over [24, 72]: the 300-odd draws spread over the range, their mean near 48 h.
        var slack = jobs.Select(SlackHours).ToArray();
        Assert.True(slack.Min() < 27 && slack.Max() > 69, $"slack from {slack.Min():0.0} to {slack.Max():0.0} h");
        Assert.InRange(slack.Average(), 44, 52);

        // Without it, the tier rule: standard tolerates a slowdown of 1, so the deadline is twice the run time on.
        Assert.All(Load(dir, PhillyTrace), j => Assert.Equal(j.EarliestStart + 2 * j.FullPowerRuntime + Step, j.Deadline));
    }

    [Fact]
    public void SlackHours_LeavesLsPodsAndRigidTiers_OnTheTierRule()
    {
        using var dir = new TempFolder();
        dir.Write("pods.csv", Alibaba(Enumerable.Range(0, 30)));
        var jobs = Load(dir, AlibabaTrace + """, "slack_hours": [24, 72] """);
        Assert.Equal(30, jobs.Count);
        var ls = jobs.Where(j => !j.Interruptible).ToList();
        Assert.Equal(10, ls.Count);
        Assert.All(ls, j => Assert.Equal(j.EarliestStart + j.FullPowerRuntime + Step, j.Deadline));
        Assert.All(jobs.Where(j => j.Interruptible), j => Assert.InRange(SlackHours(j), 24 - 1e-6, 72 + 1e-6));

        // A pausable pod in a rigid tier keeps the rigid deadline too.
        var rigidBe = Load(dir, AlibabaTrace.Replace("\"tier_be\": \"relaxed\"", "\"tier_be\": \"rigid\"", StringComparison.Ordinal) + """, "slack_hours": [24, 72] """);
        Assert.All(rigidBe.Where(j => j.Tier.IsRigid), j => Assert.Equal(j.EarliestStart + j.FullPowerRuntime + Step, j.Deadline));
        Assert.Equal(10, rigidBe.Count(j => j.Tier.IsRigid && j.Interruptible));
    }

    [Fact]
    public void SlackHours_IsFixedByTheJobId_NotByOrderOrNeighbours()
    {
        using var dir = new TempFolder();
        dir.Write("pods.csv", Alibaba(Enumerable.Range(0, 30)));
        var first = Load(dir, AlibabaTrace + """, "slack_hours": [24, 72] """).ToDictionary(j => j.Id, SlackHours);
        Assert.Equal(first, Load(dir, AlibabaTrace + """, "slack_hours": [24, 72] """).ToDictionary(j => j.Id, SlackHours));

        // The same pods shuffled, with five more created between them: each shared pod keeps its slack.
        dir.Write("pods.csv", Alibaba(Enumerable.Range(0, 35).OrderBy(i => (i * 17) % 35)));
        var second = Load(dir, AlibabaTrace + """, "slack_hours": [24, 72] """).ToDictionary(j => j.Id, SlackHours);
        Assert.Equal(35, second.Count);
        Assert.All(first, kv => Assert.Equal(kv.Value, second[kv.Key], 9));
        // ... and the draw is not one value for all.
        Assert.True(first.Values.Where(v => v > 0).Distinct().Count() > 10);
    }

    [Fact]
    public void MinRuntimeHours_LeavesOutShorterJobs_InBothFormats()
    {
        using var dir = new TempFolder();
        dir.Write("philly.csv", Philly());
        var philly = Load(dir, PhillyTrace + """, "min_runtime_hours": 20, "max_runtime_hours": 30 """);
        Assert.True(philly.Count > 200, $"{philly.Count} jobs");
        Assert.All(philly, j => Assert.InRange(j.FullPowerRuntime.TotalHours, 20, 30));

        dir.Write("pods.csv", Alibaba(Enumerable.Range(0, 30)));
        var pods = Load(dir, AlibabaTrace + """, "min_runtime_hours": 3 """);
        Assert.Equal(Enumerable.Range(0, 30).Count(i => 1 + i % 4 >= 3), pods.Count);
        Assert.All(pods, j => Assert.True(j.FullPowerRuntime.TotalHours >= 3));
    }

    [Theory]
    [InlineData("-1", "-1 must not be negative")]
    [InlineData("40, \"max_runtime_hours\": 30", "40 is above max_runtime_hours 30")]
    [InlineData("1e9", "1000000000 is above the limit of 87,840 hours (ten years)")]
    public void BadMinRuntimeHours_IsAProblem_NamingTheField(string value, string message)
    {
        using var dir = new TempFolder();
        dir.Write("philly.csv", Philly());
        var path = dir.Write("sc.json", Scenario(PhillyTrace + $", \"min_runtime_hours\": {value}"));
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(path));
        Assert.Contains(e.Problems, p => p.Field == "workload.traces[0].min_runtime_hours" && p.Message == message);
    }

    [Theory]
    [InlineData("[-1, 24]", "lo -1 must not be negative")]
    [InlineData("[48, 24]", "lo 48 is above hi 24")]
    [InlineData("[24, -2]", "hi -2 must not be negative")]
    [InlineData("[24]", "needs two numbers [lo, hi] in hours, e.g. [24, 72]; it has 1")]
    [InlineData("[24, 48, 72]", "needs two numbers [lo, hi] in hours, e.g. [24, 72]; it has 3")]
    [InlineData("[24, 1e9]", "1000000000 is above the limit of 87,840 hours (ten years)")]
    [InlineData("\"24-72\"", "must be a list [ ... ]")]
    public void BadSlackHours_AreAProblem_NamingTheField(string value, string message)
    {
        using var dir = new TempFolder();
        dir.Write("philly.csv", Philly());
        var path = dir.Write("sc.json", Scenario(PhillyTrace + $""", "slack_hours": {value} """));
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(path));
        Assert.Contains(e.Problems, p => p.Field == "workload.traces[0].slack_hours" && p.Message == message);
    }

    /// <summary>With elastic { share }, that share of the jobs that may pause become elastic, their range the job's GPU
    /// count × [min_factor, max_factor] rounded (at least one GPU); LS pods (rigid, never paused) never do.</summary>
    [Fact]
    public void ElasticShare_MakesThatShareOfPausableJobsElastic()
    {
        using var dir = new TempFolder();
        dir.Write("philly.csv", Philly());
        var all = Load(dir, PhillyTrace + """, "elastic": { "share": 1, "min_factor": 0.5, "max_factor": 2, "scaling_exponent": 0.8 }""");
        Assert.All(all, j => Assert.Equal(new ElasticScaling(Math.Max(1, (int)Math.Round(j.Gpus * 0.5)), j.Gpus * 2, 0.8), j.Elastic));
        var half = Load(dir, PhillyTrace + """, "elastic": { "share": 0.5, "max_factor": 2 }""");
        var share = half.Count(j => j.Elastic is not null) / (double)half.Count;
        Assert.InRange(share, 0.35, 0.65);
        Assert.All(half.Where(j => j.Elastic is not null), j => Assert.Equal((j.Gpus, j.Gpus * 2, 0.9), (j.Elastic!.MinGpus, j.Elastic.MaxGpus, j.Elastic.Exponent)));
        Assert.Equal(all.Select(j => j.Id), half.Select(j => j.Id));

        dir.Write("pods.csv", Alibaba(Enumerable.Range(0, 30)));
        var pods = Load(dir, AlibabaTrace + """, "elastic": { "share": 1, "max_factor": 4 }""");
        Assert.All(pods, j => Assert.Equal(j.Interruptible && !j.Tier.IsRigid, j.Elastic is not null));
        Assert.Contains(pods, j => j.Elastic is null);

        var none = Assert.Throws<DataFileException>(() => Load(dir, PhillyTrace + """, "elastic": { "share": 0.5 }"""));
        Assert.Equal("workload.traces[0].elastic", Assert.Single(none.Problems).Field);
        var e = Assert.Throws<DataFileException>(() => Load(dir, PhillyTrace + """, "elastic": { "share": 2, "min_gpus": 1, "max_factor": 0.5 }"""));
        Assert.Equal(["workload.traces[0].elastic", "workload.traces[0].elastic.max_factor", "workload.traces[0].elastic.share"],
            e.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }
}
