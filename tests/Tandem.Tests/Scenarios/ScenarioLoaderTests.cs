using Tandem.Formats;
using Tandem.Scenarios;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Signal = "timestamp,carbon_intensity_g_per_kwh,price_cny_per_mwh,cfe_share_fraction\n";

    private static string Hourly(int hours, Func<int, string>? stamp = null)
    {
        var sb = new System.Text.StringBuilder(Signal);
        for (var h = 0; h < hours; h++) sb.Append(stamp?.Invoke(h) ?? $"2020-06-01T{h:00}:00:00Z").Append(",500,").Append(300 + h).Append(",0.25\n");
        return sb.ToString();
    }

    private static string Scenario(string siteExtra = "", string jobs = "", string grid = """ "carbon": { "file": "s.csv", "format": "tandem-csv" }, "price": { "file": "s.csv", "format": "tandem-csv" } """) => $$"""
        {
          "name": "t", "start": "2020-06-01T00:00:00Z", "end": "2020-06-01T06:00:00Z", "step_minutes": 60, "currency": "CNY",
          "sites": [ { "id": "a", "time_zone": "+08:00", "grid_limit_kw": 100 {{siteExtra}},
                       "pools": [ { "id": "p", "count": 8, "idle_power_w": 50, "max_power_w": 400 } ],
                       "grid": { {{grid}} } } ],
          "workload": { "jobs": [ {{jobs}} ] }
        }
        """;

    [Fact]
    public void AValidScenario_Loads_WithSignalsOnTheGrid()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6));
        var path = dir.Write("sc.json", Scenario(jobs: """{ "id": "j", "gpus": 2, "work_gpu_hours": 4, "submit": "2020-06-01T01:00:00Z", "deadline": "2020-06-01T05:00:00Z", "allowed_sites": ["a"] }"""));
        var s = ScenarioLoader.Load(path);
        Assert.Equal(6, s.Grid.Count);
        Assert.Equal(305, s.Signals.Site(0).Price[5].PerMegawattHour);
        Assert.Equal(500, s.Signals.Site(0).AverageIntensity[0].GramsPerKilowattHour);
        Assert.Single(s.Jobs);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_WithItsField()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6));
        var json = Scenario(
            siteExtra: """, "solar": { "capacity_kw": -5, "profile_nominal_kw": 1, "profile": { "file": "missing.csv", "format": "tandem-csv" } }""",
            jobs: """{ "id": "j", "gpus": 2, "work_gpu_hours": 4, "submit": "2020-06-01T03:00:00Z", "deadline": "2020-06-01T02:00:00Z", "allowed_sites": ["a", "nowhere"] }""",
            grid: """ "carbon": { "file": "s.csv", "format": "no-such-format" }, "price": { "file": "s.csv", "format": "tandem-csv" } """);
        var path = dir.Write("sc.json", json);
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(path));
        var fields = e.Problems.Select(p => p.Field).ToList();
        Assert.Contains("sites[0].solar.capacity_kw", fields);
        Assert.Contains(e.Problems, p => p.Field.StartsWith("sites[0].solar.profile.file", StringComparison.Ordinal) && p.Message.Contains("not found", StringComparison.Ordinal));
        Assert.Contains("sites[0].grid.carbon.format", fields);
        Assert.Contains("workload.jobs[0].deadline", fields);
        Assert.Contains(e.Problems, p => p.Field == "workload.jobs[0].allowed_sites" && p.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.All(e.Problems, p => Assert.Contains(Path.GetFileName(p.File), new[] { "sc.json", "missing.csv" }));
    }

    [Fact]
    public void AnElasticJob_Loads_OrEachBadFieldIsNamed()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6));
        string Job(string elastic) => $$"""{ "id": "j", "gpus": 4, "work_gpu_hours": 8, "submit": "2020-06-01T00:00:00Z", "deadline": "2020-06-01T05:00:00Z", "allowed_sites": ["a"], "elastic": {{elastic}} }""";
        var s = ScenarioLoader.Load(dir.Write("ok.json", Scenario(jobs: Job("""{ "min_gpus": 2, "max_gpus": 8, "scaling_exponent": 0.8 }"""))));
        Assert.Equal(new Tandem.Workloads.ElasticScaling(2, 8, 0.8), s.Jobs[0].Elastic);
        Assert.Equal(0.9, ScenarioLoader.Load(dir.Write("default.json", Scenario(jobs: Job("""{ "min_gpus": 4, "max_gpus": 8 }""")))).Jobs[0].Elastic!.Exponent);

        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("bad.json",
            Scenario(jobs: Job("""{ "min_gpus": 5, "max_gpus": 2, "scaling_exponent": 1.5, "share": 0.5 }""")))));
        var fields = e.Problems.Select(p => p.Field).ToList();
        Assert.Contains("workload.jobs[0].elastic.min_gpus", fields);
        Assert.Contains("workload.jobs[0].elastic.max_gpus", fields);
        Assert.Contains("workload.jobs[0].elastic.scaling_exponent", fields);
        Assert.Contains("workload.jobs[0].elastic", fields);
        Assert.Contains(e.Problems, p => p.Field == "workload.jobs[0].elastic.min_gpus" && p.Message.Contains("between 1 and the job's gpus (4)", StringComparison.Ordinal));
    }

    [Fact]
    public void KnownAhead_Loads_OrEachBadFieldIsNamed()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6));
        const string Grid = """ "carbon": { "file": "s.csv", "format": "tandem-csv" }, "price": { "file": "s.csv", "format": "tandem-csv" }, """;
        var ok = ScenarioLoader.Load(dir.Write("ok.json", Scenario(grid: Grid + """ "known_ahead": [ { "name": "ci_forecast", "file": "s.csv", "format": "tandem-csv", "column": "carbon_intensity_g_per_kwh", "issued_hours_before": 12, "issue_every_hours": 6, "forecast_of": "carbon" } ] """)));
        var k = Assert.Single(ok.Signals.Site(0).KnownAhead);
        Assert.Equal(("ci_forecast", TimeSpan.FromHours(12), (TimeSpan?)TimeSpan.FromHours(6), (Tandem.Signals.SignalKind?)Tandem.Signals.SignalKind.Carbon), (k.Name, k.IssuedBefore, k.Cycle, k.ForecastOf));
        Assert.All(k.Values.Values.ToArray(), v => Assert.Equal(500, v));

        string[] bad =
        [
            """{ "name": "Bad Name", "file": "s.csv", "format": "tandem-csv", "column": "carbon_intensity_g_per_kwh" }""",
            """{ "name": "a", "file": "s.csv", "format": "tandem-csv", "column": "carbon_intensity_g_per_kwh", "forecast_of": "wind" }""",
            """{ "name": "b", "file": "s.csv", "format": "tandem-csv", "column": "carbon_intensity_g_per_kwh", "issued_hours_before": -1 }""",
            """{ "name": "c", "file": "s.csv", "format": "tandem-csv" }""",
            """{ "name": "d", "file": "s.csv", "format": "tandem-csv", "column": "carbon_intensity_g_per_kwh", "issue_every_hours": 1.5 }""",
        ];
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("bad.json", Scenario(grid: Grid + $" \"known_ahead\": [ {string.Join(", ", bad)} ] "))));
        Assert.Equal(["sites[0].grid.known_ahead[0].name", "sites[0].grid.known_ahead[1].forecast_of", "sites[0].grid.known_ahead[2].issued_hours_before",
            "sites[0].grid.known_ahead[3].column", "sites[0].grid.known_ahead[4].issue_every_hours"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void HistoryDays_LoadsTheGridSignalsBeforeTheStart_OrNamesTheFieldThatCannot()
    {
        using var dir = new TempFolder();
        // 30 hours from 2020-05-31 00:00: a day before the start, then the six scenario hours; price = 300 + hour index.
        dir.Write("s.csv", Hourly(30, h => new DateTimeOffset(2020, 5, 31, 0, 0, 0, TimeSpan.Zero).AddHours(h).ToString("yyyy-MM-ddTHH:mm:ssZ")));
        string With(string days) => Scenario().Replace("\"currency\": \"CNY\",", $"\"currency\": \"CNY\", \"history_days\": {days},", StringComparison.Ordinal);
        var s = ScenarioLoader.Load(dir.Write("sc.json", With("1")));
        var h = s.Signals.Site(0).History!;
        Assert.Equal(new DateTimeOffset(2020, 5, 31, 0, 0, 0, TimeSpan.Zero), h.Grid.Start);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => 300.0 + i), h.Price!.Values.ToArray().Select(p => p.PerMegawattHour));
        Assert.All(h.AverageIntensity!.Values.ToArray(), v => Assert.Equal(500, v.GramsPerKilowattHour));
        Assert.Null(h.CarbonFreeShare);
        Assert.Equal(324, s.Signals.Site(0).Price[0].PerMegawattHour);

        var bad = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("bad.json", With("-1"))));
        Assert.Contains(bad.Problems, p => p.Field == "history_days");
        var uncovered = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("far.json", With("3"))));
        Assert.Contains(uncovered.Problems, p => p.Field.StartsWith("sites[0].grid.carbon (history_days)", StringComparison.Ordinal));
    }

    [Fact]
    public void AGapInASignal_IsReportedWithItsInstant()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", string.Join("\n", Hourly(6).Split('\n').Where(l => !l.StartsWith("2020-06-01T03", StringComparison.Ordinal))));
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", Scenario())));
        Assert.Contains(e.Problems, p => p.Field == "sites[0].grid.carbon" && p.Message.Contains("gap from 2020-06-01T03:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void AWildValueInASignalFile_IsAProblemWithItsInstant_NotAnOverflow()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6).Replace(",500,305,", ",1e300,1e300,", StringComparison.Ordinal));
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", Scenario())));
        Assert.Contains(e.Problems, p => p.Field == "sites[0].grid.carbon" && p.Message == "carbon intensity 1E+300 at 2020-06-01T05:00:00.0000000+00:00 is above 10,000 g/kWh");
        Assert.Contains(e.Problems, p => p.Field == "sites[0].grid.price" && p.Message == "price 1E+300 per MWh at 2020-06-01T05:00:00.0000000+00:00 lies outside ±1,000,000,000");
    }

    [Fact]
    public void OffsetlessStamps_AreRejectedWithTheirLines()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6, h => $"2020-06-01 {h:00}:00:00"));
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", Scenario())));
        Assert.Contains(e.Problems, p => p.Line == 2 && p.Field.EndsWith("timestamp", StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedJson_IsReportedWithItsLine()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", "{\n  \"name\": \"x\",\n  \"step_minutes\": \"sixty\"\n}")));
        Assert.Equal(3, e.Problems[0].Line);
        Assert.Equal("step_minutes", e.Problems[0].Field);
        Assert.Equal("must be a number", e.Problems[0].Message);
    }

    [Fact]
    public void ASiteThatFailsToLoad_IsReportedOnce_NotAgainByTheJobsThatNameIt()
    {
        using var dir = new TempFolder();
        dir.Write("s.csv", Hourly(6));
        var json = Scenario(
            jobs: """{ "id": "j", "gpus": 2, "work_gpu_hours": 4, "submit": "2020-06-01T01:00:00Z", "deadline": "2020-06-01T05:00:00Z", "allowed_sites": ["a"] }""",
            grid: """ "carbon": { "file": "missing.csv", "format": "tandem-csv" }, "price": { "file": "s.csv", "format": "tandem-csv" } """);
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", json)));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("sites[0].grid.carbon.file", problem.Field);
        Assert.Contains("not found", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFields_AreRejected()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataFileException>(() => ScenarioLoader.Load(dir.Write("sc.json", "{ \"name\": \"x\", \"stepminutes\": 60 }")));
        Assert.Contains("stepminutes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuiltInDemo_Loads()
    {
        var s = ScenarioLoader.Load(Path.Combine(SharedData.RepoRoot(), "examples", "demo", "scenario.json"));
        Assert.Equal(5, s.Sites.Count);
        Assert.Equal(168, s.Grid.Count);
        // China's hubs take MEE/NBS's 2022 regional grid factors (Announcement 2024 No. 33): northwest 0.5857, east
        // 0.5617, southwest 0.2268 tCO2/MWh, by the province each hub is in.
        Assert.Equal(585.7, s.Signals.Carbon(0, 100).GramsPerKilowattHour, 9);
        Assert.Equal(561.7, s.Signals.Carbon(1, 0).GramsPerKilowattHour, 9);
        Assert.Equal(226.8, s.Signals.Carbon(2, 50).GramsPerKilowattHour, 9);
        Assert.Contains("2022", s.Signals.Site(2).CarbonNote, StringComparison.Ordinal);
        // Four weeks of history before the start, for every grid signal and the solar output.
        Assert.Equal(28 * 24 + 168, s.Signals.Read("california", Tandem.Signals.SignalKind.Carbon, new Tandem.Time.Interval(s.Grid.Start.AddDays(-60), s.Grid.End.AddDays(30)))!.Values.Count);
        Assert.Equal(28 * 24 + 168, s.Signals.Read("ningxia", Tandem.Signals.SignalKind.Generation, new Tandem.Time.Interval(s.Grid.Start.AddDays(-60), s.Grid.End))!.Values.Count);
        // The Ningxia site's solar follows the State Grid station: 12:00-13:00 Beijing on 1 June 2020 is the mean of
        // the file's four quarter-hours, 37.648067, 38.37113, 38.713863 and 39.855534 MW, of 50 MW nominal.
        Assert.Equal((37.648067 + 38.37113 + 38.713863 + 39.855534) / 4 / 50, s.Signals.Generation(0, 4).Kilowatts / s.Sites[0].Solar!.Capacity.Kilowatts, 9);
        // Jiangsu's TOU: 00:00-01:00 UTC is 08:00-09:00 in Beijing, a peak hour at 1.07 CNY/kWh.
        Assert.Equal(1070, s.Signals.Site(1).Price[0].PerMegawattHour, 9);
        // CAISO prices in USD become CNY at the scenario's 6.9.
        Assert.True(s.Signals.Site(3).Price[0].Currency == Tandem.Units.Currency.Cny);
    }
}
