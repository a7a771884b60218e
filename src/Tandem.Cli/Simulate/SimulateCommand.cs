using PolicyViolationException = Tandem.Actuation.PolicyViolationException;
using Tandem.Loop;
using System.CommandLine;
using Tandem.Cli.Reporting;
using Tandem.Cli.Runs;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;
using Tandem.Storage.Runs;

namespace Tandem.Cli.Simulate;

/// <summary>`tandem demo` and `tandem simulate`: run policies over a scenario, print a comparison, write
/// summary.json, report.html and charts, and record the run.</summary>
internal static class SimulateCommand
{
    public static Command Demo(ConsoleIo io)
    {
        var outOpt = new Option<string>("--out") { Description = "Folder for summary.json, report.html and charts", DefaultValueFactory = _ => "tandem-demo" };
        var policyOpt = PolicyOption();
        var objectiveOpt = ObjectiveOption();
        var dbOpt = RunsCommand.DbOption();
        var cmd = new Command("demo", "Run the built-in China scenario (real data shipped with Tandem) under every policy") { outOpt, policyOpt, objectiveOpt, dbOpt };
        cmd.SetAction((pr, ct) => RunAsync(io, DemoScenarioPath(), pr.GetValue(policyOpt)!, pr.GetValue(objectiveOpt)!, pr.GetValue(outOpt)!, pr.GetValue(dbOpt), ct));
        return cmd;
    }

    public static Command Simulate(ConsoleIo io)
    {
        var scenarioOpt = new Option<string>("--scenario") { Description = "Scenario JSON file (docs/scenario.md)", Required = true };
        var outOpt = new Option<string>("--out") { Description = "Folder for summary.json, report.html and charts", Required = true };
        var policyOpt = PolicyOption();
        var objectiveOpt = ObjectiveOption();
        var dbOpt = RunsCommand.DbOption();
        var replayOpt = new Option<string?>("--replay") { Description = "Carry out a saved plan (from tandem plan) instead of running policies" };
        var settingOpt = SettingOption();
        var cmd = new Command("simulate", "Run policies over a scenario") { scenarioOpt, policyOpt, objectiveOpt, outOpt, dbOpt, replayOpt, settingOpt };
        cmd.SetAction((pr, ct) => RunAsync(io, pr.GetValue(scenarioOpt)!, pr.GetValue(policyOpt)!, pr.GetValue(objectiveOpt)!, pr.GetValue(outOpt)!, pr.GetValue(dbOpt), ct,
            pr.GetValue(replayOpt), pr.GetValue(settingOpt)!));
        return cmd;
    }

    /// <summary>`tandem plan`: the commands a policy issues over a scenario (run against the digital twin, which is
    /// how an online policy gets its observations), with their reasons, written as a plan file.</summary>
    public static Command Plan(ConsoleIo io)
    {
        var scenarioOpt = new Option<string>("--scenario") { Description = "Scenario JSON file (docs/scenario.md)", Required = true };
        var policyOpt = new Option<string>("--policy") { Description = $"One policy: {string.Join(", ", PolicyCatalog.Names)}", Required = true };
        var objectiveOpt = ObjectiveOption();
        var outOpt = new Option<string>("--out") { Description = "The plan file to write (JSON)", Required = true };
        var dbOpt = RunsCommand.DbOption();
        var settingOpt = SettingOption();
        var cmd = new Command("plan", "Write the commands a policy issues over a scenario, with reasons, as a plan file") { scenarioOpt, policyOpt, objectiveOpt, outOpt, dbOpt, settingOpt };
        cmd.SetAction(async (pr, ct) =>
        {
            var (names, objective) = ParsePolicies(pr.GetValue(policyOpt)!, pr.GetValue(objectiveOpt)!);
            if (names.Length != 1) throw new UsageException("--policy: give exactly one policy");
            var settings = ParseSettings(pr.GetValue(settingOpt)!, names, objective);
            var path = pr.GetValue(outOpt)!;
            if (Directory.Exists(path)) throw new UsageException($"--out: {path} is a folder; give the plan file to write, e.g. {Path.Combine(path, "plan.json")}");
            var scenario = ScenarioFiles.Load(pr.GetValue(scenarioOpt)!, pr.GetValue(dbOpt));
            var policy = PolicyCatalog.Create(names[0], objective, settings[names[0]]).Policy!;
            RunResult result;
            try { result = PlanActLoop.Run(scenario, policy, io.Clock, cancellationToken: ct); }
            catch (PolicyViolationException e) { await io.Error.WriteLineAsync($"error: {e.Message}"); return 1; }
            if (result.Violations.Count > 0)
            {
                await io.Error.WriteLineAsync($"error: the validator found policy '{policy.Name}' broke hard constraints: {result.Violations[0]}");
                return 1;
            }
            var json = Tandem.Scheduling.Replay.PlanFile.ToJson(scenario.Name, policy.Name, result.Foresight, result.Commands);
            try
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null) Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(path, json, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out: {path}: cannot write the plan file there: {e.Message}; nothing was written");
            }
            var starts = result.Commands.Count(c => c is Tandem.Actuation.StartJob);
            await io.Out.WriteLineAsync($"Wrote {result.Commands.Count} commands ({starts} starts) of policy {policy.Name} to {path}");
            return 0;
        });
        return cmd;
    }

    private static Option<string> PolicyOption() => new("--policy")
    {
        Description = $"Comma-separated policies: {string.Join(", ", PolicyCatalog.Names)}",
        DefaultValueFactory = _ => string.Join(",", PolicyCatalog.Defaults),
    };

    internal static Option<string> ObjectiveOption() => new("--objective")
    {
        Description = $"What the planners minimise: {string.Join(", ", Objective.Presets.Select(o => o.Name))} (default emissions, with cost as a tie-breaker)",
        DefaultValueFactory = _ => Objective.Emissions.Name,
    };

    internal static Option<string[]> SettingOption() => new("--option")
    {
        Description = "A policy's option as policy.key=value, e.g. mpc.slack_reserve=0.1 or mpc.horizon_hours=72 (repeatable)",
        DefaultValueFactory = _ => [],
    };

    /// <summary>Parses --option settings for the chosen policies and builds each policy once to check them; a bad one
    /// is a usage error naming the option, the policy and the key.</summary>
    internal static Dictionary<string, Dictionary<string, string>> ParseSettings(string[] options, IReadOnlyCollection<string> names, Objective objective)
    {
        var settings = names.Distinct().ToDictionary(n => n, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var o in options)
        {
            var dot = o.IndexOf('.', StringComparison.Ordinal);
            var eq = o.IndexOf('=', StringComparison.Ordinal);
            if (dot <= 0 || eq < dot + 2) throw new UsageException($"--option: '{o}' is not policy.key=value");
            var policy = o[..dot];
            if (!settings.TryGetValue(policy, out var s)) throw new UsageException($"--option: '{policy}' is not one of the policies run ({string.Join(", ", names)})");
            s[o[(dot + 1)..eq]] = o[(eq + 1)..];
        }
        foreach (var (name, s) in settings)
            if (s.Count > 0 && PolicyCatalog.Create(name, objective, s).Problems is { Count: > 0 } problems)
                throw new UsageException($"--option: {name}.{problems[0]}");
        return settings;
    }

    /// <summary>Parses --policy and --objective; a bad value is a usage error naming the option.</summary>
    internal static (string[] Names, Objective Objective) ParsePolicies(string policyList, string objectiveName)
    {
        var names = policyList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => PolicyCatalog.Create(n) is null).ToArray();
        if (names.Length == 0 || unknown.Length > 0)
            throw new UsageException($"--policy: unknown policy '{string.Join("', '", unknown)}'; known: {string.Join(", ", PolicyCatalog.Names)}");
        var objective = Objective.Find(objectiveName)
            ?? throw new UsageException($"--objective: unknown objective '{objectiveName}'; known: {string.Join(", ", Objective.Presets.Select(o => o.Name))}");
        return (names, objective);
    }

    internal static string DemoScenarioPath() => Path.Combine(AppContext.BaseDirectory, "demo", "scenario.json");

    private static async Task<int> RunAsync(ConsoleIo io, string scenarioPath, string policyList, string objectiveName, string outDir, string? db, CancellationToken ct,
        string? replay = null, string[]? options = null)
    {
        var (names, objective) = ParsePolicies(replay is null ? policyList : PolicyCatalog.Names[0], objectiveName);
        var settings = ParseSettings(replay is null ? options ?? [] : [], names, objective);
        var plan = replay is null ? null : Tandem.Scheduling.Replay.PlanFile.Read(replay);
        if (File.Exists(outDir)) throw new UsageException($"--out: {outDir} is a file; give a folder for summary.json, report.html and the charts");
        var startedAt = io.Clock.GetUtcNow();
        var scenario = ScenarioFiles.Load(scenarioPath, db);
        await io.Out.WriteLineAsync($"Scenario {scenario.Name}: {scenario.Sites.Count} sites, {scenario.Jobs.Count} jobs, {scenario.Inference.Count} inference regions, {scenario.Grid.Count} steps of {scenario.Grid.Step.TotalMinutes:0} min from {scenario.Grid.Start:yyyy-MM-dd HH:mm}Z");
        if (plan is { } p && p.Commands.FirstOrDefault(c => scenario.Grid.IndexOf(c.At) < 0 || scenario.Grid.TimeAt(scenario.Grid.IndexOf(c.At)) != c.At) is { } outside)
            throw new UsageException($"--replay: the plan has a command at {outside.At:O}, not the start of a step of the scenario {scenario.Grid.Start:O}..{scenario.Grid.End:O}");
        // The run is recorded at the end; the store is opened now, so a --db that cannot be opened is reported (exit 2)
        // before the runs, and before the output folder is written.
        using var store = await RunsCommand.OpenStoreAsync(db, ct);
        var results = new List<RunResult>();
        var planning = new List<PlanningSummary?>();
        foreach (var name in plan is { } pl ? [$"replay:{pl.Policy}"] : names)
        {
            IPolicy policy = plan is { } rp ? new Tandem.Scheduling.Replay.ReplayPolicy(name, rp.Commands, rp.Foresight) : PolicyCatalog.Create(name, objective, settings[name]).Policy!;
            using var bar = new ProgressBar(io.Error, name);
            RunResult result;
            try { result = PlanActLoop.Run(scenario, policy, io.Clock, bar, ct); }
            catch (PolicyViolationException e)
            {
                bar.Dispose();
                await io.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            if (result.Violations.Count > 0)
            {
                await io.Error.WriteLineAsync($"error: the validator found policy '{name}' broke hard constraints:");
                foreach (var v in result.Violations) await io.Error.WriteLineAsync($"  {v}");
                return 1;
            }
            if (result.FirmLate.Count > 0)
                await io.Error.WriteLineAsync($"warning: under '{name}', {result.FirmLate.Count} rigid or standard jobs finished after their deadlines (e.g. {result.FirmLate[0]})");
            results.Add(result);
            planning.Add(PlanningSummary.Of(policy));
        }
        var summaries = results.Select(r => objective.Summarise(r.Totals)).ToList();
        await io.Out.WriteLineAsync(ComparisonTable.Render(summaries, planning));
        try
        {
            Directory.CreateDirectory(outDir);
            await SummaryFile.WriteAsync(Path.Combine(outDir, "summary.json"), scenario, summaries, planning, ct);
            await ReportWriter.WriteAsync(outDir, scenario, results, planning, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: {outDir}: cannot write the results there: {e.Message}");
        }
        await io.Out.WriteLineAsync($"Wrote {Path.Combine(outDir, "summary.json")} and {Path.Combine(outDir, "report.html")}");
        var id = await store.SaveAsync(new RunRecord(0, startedAt, scenario.Name, scenario.Grid.Count, scenario.Grid.Step.TotalMinutes, Path.GetFullPath(outDir), summaries), ct);
        await io.Out.WriteLineAsync($"Recorded as run {id} in {RunsCommand.DbPath(db)}");
        return 0;
    }
}
