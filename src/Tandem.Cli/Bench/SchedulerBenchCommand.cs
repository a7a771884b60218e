using Tandem.Loop;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tandem.Cli.Simulate;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Simulation;

namespace Tandem.Cli.Bench;

/// <summary>`tandem bench scheduler --scenario FILE [...]`: every policy on each scenario, side by side, with the ratios
/// the coordinator is held to: mpc's emissions reduction over run-now as a share of optimal's, greedy's objective
/// over optimal's, and optimal's planning time over greedy's. Planners are warmed up with one untimed plan first, and
/// planning time is the faster of two timed plans.</summary>
internal static class SchedulerBenchCommand
{
    public static Command Create(ConsoleIo io)
    {
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario files (repeat the option for several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var policies = new Option<string>("--policy") { Description = "Policies to compare", DefaultValueFactory = _ => string.Join(",", PolicyCatalog.Names) };
        var objective = SimulateCommand.ObjectiveOption();
        var outOpt = new Option<string?>("--out") { Description = "Write bench.json here" };
        var settingOpt = SimulateCommand.SettingOption();
        var leversOpt = LeverOption();
        var noSplit = new Option<bool>("--no-split") { Description = "Skip the saving-by-source runs (each policy with one lever at a time and with capping off)" };
        var cmd = new Command("scheduler", "Compare every policy on scenarios: emissions, cost, green share, misses, planning time, ratios and the saving by source") { scenarios, policies, objective, outOpt, settingOpt, leversOpt, noSplit };
        cmd.SetAction(async (pr, ct) =>
        {
            var (names, obj) = SimulateCommand.ParsePolicies(pr.GetValue(policies)!, pr.GetValue(objective)!);
            var settings = SimulateCommand.ParseSettings(pr.GetValue(settingOpt)!, names, obj);
            if (!LeverSwitches.TryParse(pr.GetValue(leversOpt)!, out var levers))
                throw new UsageException($"--levers: '{pr.GetValue(leversOpt)}' is not all, none or a list of capping, time, place");
            IPolicy Create(string name) => PolicyCatalog.Create(name, obj, settings[name]).Policy!;
            var loaded = pr.GetValue(scenarios)!.Select(ScenarioLoader.Load).ToList();
            var report = new List<object>();
            foreach (var full in loaded)
            {
                var scenario = full.WithLevers(levers);
                var rows = new List<Row>();
                foreach (var name in names)
                {
                    // Warm up (JIT, native solver load) with one untimed plan, as any benchmark harness would.
                    if (Create(name) is IForesightPolicy warm and IPlanningPolicy) warm.Foresee(scenario);
                    var policy = Create(name);
                    var r = PlanActLoop.Run(scenario, policy, io.Clock, cancellationToken: ct);
                    if (r.Violations.Count > 0)
                    {
                        await io.Error.WriteLineAsync($"error: {name} broke hard constraints on {scenario.Name}: {r.Violations[0]}");
                        return 1;
                    }
                    var planning = policy as IPlanningPolicy;
                    var seconds = planning?.PlanningSeconds ?? 0;
                    if (planning is IForesightPolicy)
                    {
                        // Time a second plan and keep the faster of the two, to damp noise from the collector and the machine.
                        var again = (IPlanningPolicy)Create(name);
                        ((IForesightPolicy)again).Foresee(scenario);
                        seconds = Math.Min(seconds, again.PlanningSeconds);
                    }
                    rows.Add(new Row(name, r.Totals, obj.Evaluate(r.Totals), seconds, planning?.Method ?? "", planning?.LowerBound, r.FirmLate.Count, PlanningSummary.Of(policy), Moves(scenario, r)));
                }
                var split = pr.GetValue(noSplit) || levers != Levers.All ? null : LeverSplit.Measure(full, names, Create, rows, obj, ct);
                if (split?.Violation is { } v)
                {
                    await io.Error.WriteLineAsync($"error: {v}");
                    return 1;
                }
                await io.Out.WriteLineAsync(Render(scenario, rows, levers, obj));
                if (split is not null) await io.Out.WriteLineAsync(split.Render(scenario));
                else if (levers != Levers.All && !pr.GetValue(noSplit)) await io.Out.WriteLineAsync("(no saving-by-source split: it is measured only when every lever is on)");
                report.Add(Json(scenario, rows, levers, split));
            }
            if (pr.GetValue(outOpt) is { } dir)
            {
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(Path.Combine(dir, "bench.json"), JsonSerializer.Serialize(report, SummaryFile.Json), ct);
                await io.Out.WriteLineAsync($"Wrote {Path.Combine(dir, "bench.json")}");
            }
            return 0;
        });
        return new Command("bench", "Benchmarks that print side-by-side comparisons") { cmd, PotentialBenchCommand.Create(io) };
    }

    /// <summary>`--levers`: which levers the policies may pull (docs/planning.md, "Where a saving comes from").</summary>
    internal static Option<string> LeverOption() => new("--levers")
    {
        Description = "Levers the policies may pull: all (default), none, or a list of capping, time, place (e.g. time,place turns power capping off)",
        DefaultValueFactory = _ => "all",
    };

    internal sealed record Row(string Policy, RunTotals Totals, double Objective, double PlanSeconds, string Method, double? Bound, int FirmLate, PlanningSummary? Planning = null, int Moves = 0);

    /// <summary>Jobs started (or resumed) at least once away from their home site.</summary>
    internal static int Moves(Scenario scenario, RunResult r)
    {
        var home = scenario.Jobs.ToDictionary(j => j.Id, j => j.AllowedSites[0]);
        return r.Commands.OfType<Tandem.Actuation.StartJob>().Where(c => c.SiteId != home[c.JobId]).Select(c => c.JobId).Distinct().Count();
    }

    /// <summary>Share of optimal's emissions reduction over run-now that <paramref name="policy"/> achieves.</summary>
    internal static double? ReductionShare(IReadOnlyList<Row> rows, string policy)
    {
        var now = rows.FirstOrDefault(r => r.Policy == "run-now");
        var opt = rows.FirstOrDefault(r => r.Policy == "optimal");
        var p = rows.FirstOrDefault(r => r.Policy == policy);
        if (now is null || opt is null || p is null) return null;
        var best = now.Totals.Emissions.Kilograms - opt.Totals.Emissions.Kilograms;
        return best > 1e-9 ? (now.Totals.Emissions.Kilograms - p.Totals.Emissions.Kilograms) / best : null;
    }

    private static string Render(Scenario scenario, List<Row> rows, Levers levers, Objective obj)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"== {scenario.Name}: {scenario.Sites.Count} sites, {scenario.Jobs.Count} jobs, {scenario.Grid.Count} steps; levers: {LeverSwitches.Describe(levers)}");
        sb.AppendLine(c, $"{"policy",-12} {"emissions kg",13} {"vs run-now",10} {"cost " + scenario.Currency,12} {"green %",8} {"misses",7} {"firm late",10} {"moves",6} {"objective",12} {"plan s",8}  method");
        var now = rows.FirstOrDefault(r => r.Policy == "run-now");
        foreach (var r in rows)
        {
            var vs = now is null ? "" : (r.Totals.Emissions.Kilograms / now.Totals.Emissions.Kilograms - 1).ToString("+0.0%;-0.0%", c);
            sb.AppendLine(c, $"{r.Policy,-12} {r.Totals.Emissions.Kilograms,13:0.0} {vs,10} {r.Totals.Cost.Amount,12:0.00} {r.Totals.GreenShare.Percent,8:0.0} {r.Totals.DeadlineMisses,7} {r.FirmLate,10} {r.Moves,6} {r.Objective,12:0.0} {r.PlanSeconds,8:0.000}  {r.Method}{(r.Bound is { } b ? $" (bound {b:0.0})" : "")}");
        }
        var opt = rows.FirstOrDefault(r => r.Policy == "optimal");
        var greedy = rows.FirstOrDefault(r => r.Policy == "greedy");
        foreach (var name in new[] { "mpc", "mpc-lightgbm" })
            if (ReductionShare(rows, name) is { } m) sb.AppendLine(c, $"{name} achieves {m:P1} of optimal's emissions reduction over run-now (target ≥ 90%)");
        if (now is not null)
            foreach (var r in rows.Where(r => r.Policy is "greedy" or "mpc" or "mpc-lightgbm" or "optimal" && r.Objective > now.Objective * (1 + 1e-9)))
                sb.AppendLine(c, $"{r.Policy} is worse than run-now on the objective ({obj.Name}): {r.Objective:0.0} against {now.Objective:0.0}, {r.Objective / now.Objective - 1:+0.00%}");
        foreach (var r in rows.Where(r => r.FirmLate > 0))
            sb.AppendLine(c, $"{r.Policy} finished {r.FirmLate} rigid or standard jobs late{(r.Policy == "wait-awhile" ? " (it does not coordinate: jobs herd into the same green hours)" : "")}");
        if (opt is not null && greedy is not null)
        {
            sb.AppendLine(c, $"greedy objective / optimal objective = {greedy.Objective / opt.Objective:0.0000} (target ≤ 1.05)");
            sb.AppendLine(c, $"optimal planning time / greedy planning time = {opt.PlanSeconds / Math.Max(greedy.PlanSeconds, 1e-6):0.0}× (target ≥ 50×)");
        }
        return sb.ToString();
    }

    private static object Json(Scenario scenario, List<Row> rows, Levers levers, LeverSplit? split) => new
    {
        scenario = scenario.Name,
        levers = LeverSwitches.Describe(levers),
        jobs = scenario.Jobs.Count,
        sites = scenario.Sites.Count,
        steps = scenario.Grid.Count,
        policies = rows.Select(r => new
        {
            policy = r.Policy, emissions_kg = r.Totals.Emissions.Kilograms, cost = r.Totals.Cost.Amount, currency = r.Totals.Cost.Currency.Code,
            green_share = r.Totals.GreenShare.Value, deadline_misses = r.Totals.DeadlineMisses, firm_late = r.FirmLate, moves = r.Moves, objective = r.Objective,
            plan_seconds = r.PlanSeconds, method = r.Method, lower_bound = r.Bound, planning = r.Planning,
        }),
        mpc_share_of_optimal_reduction = ReductionShare(rows, "mpc"),
        mpc_lightgbm_share_of_optimal_reduction = ReductionShare(rows, "mpc-lightgbm"),
        greedy_over_optimal_objective = rows.FirstOrDefault(r => r.Policy == "greedy")?.Objective / rows.FirstOrDefault(r => r.Policy == "optimal")?.Objective,
        saving_by_source = split?.Json(),
    };
}
