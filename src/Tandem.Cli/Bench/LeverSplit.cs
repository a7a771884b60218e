using System.Globalization;
using System.Text;
using Tandem.Loop;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;

namespace Tandem.Cli.Bench;

/// <summary>A policy's emissions saving over run-now by source (docs/planning.md, "Where a saving comes from"): the
/// policy run again with one lever at a time (capping alone, time alone, place alone, and scaling alone where the
/// scenario has elastic jobs), with time and place only, and with every lever. Every saving is against run-now on the unrestricted scenario, measured in the same
/// bench run. The sources need not add up to the whole: they overlap (a capped job also runs longer into other
/// hours) and compete for the same capacity.</summary>
internal sealed class LeverSplit
{
    /// <summary>The lever sets measured on <paramref name="scenario"/>, in the order printed: scaling alone only where
    /// a job is elastic (elsewhere it is run-now).</summary>
    public static (string Name, Levers Levers)[] SetsFor(Scenario scenario) =>
    [
        ("capping", Levers.Capping), ("time", Levers.Time), ("place", Levers.Place),
        .. scenario.Jobs.Any(j => j.Elastic is not null) ? new[] { ("scaling", Levers.Scaling) } : [],
        ("time+place", Levers.Time | Levers.Place), ("all", Levers.All),
    ];

    private (string Name, Levers Levers)[] Sets { get; init; } = [];

    private readonly double _runNowKg;
    private readonly double _runNowObjective;
    private readonly List<(string Policy, string Set, double Kg, double Objective, int FirmLate)> _cells = [];

    private LeverSplit(double runNowKg, double runNowObjective) { _runNowKg = runNowKg; _runNowObjective = runNowObjective; }

    /// <summary>A broken hard constraint in one of the runs (then the split is not usable).</summary>
    public string? Violation { get; private set; }

    /// <summary>Runs every policy but run-now under each lever set; the all-lever row is taken from
    /// <paramref name="rows"/> (already measured). Null without a run-now row.</summary>
    public static LeverSplit? Measure(Scenario full, IReadOnlyList<string> names, Func<string, IPolicy> create,
        IReadOnlyList<SchedulerBenchCommand.Row> rows, Objective objective, CancellationToken ct)
    {
        var now = rows.FirstOrDefault(r => r.Policy == "run-now");
        if (now is null) return null;
        var split = new LeverSplit(now.Totals.Emissions.Kilograms, now.Objective) { Sets = SetsFor(full) };
        foreach (var name in names.Where(n => n != "run-now"))
            foreach (var (set, levers) in split.Sets)
            {
                if (levers == Levers.All)
                {
                    var row = rows.First(r => r.Policy == name);
                    split._cells.Add((name, set, row.Totals.Emissions.Kilograms, row.Objective, row.FirmLate));
                    continue;
                }
                var r = PlanActLoop.Run(full.WithLevers(levers), create(name), cancellationToken: ct);
                if (r.Violations.Count > 0)
                {
                    split.Violation = $"{name} with levers {LeverSwitches.Describe(levers)} broke hard constraints on {full.Name}: {r.Violations[0]}";
                    return split;
                }
                split._cells.Add((name, set, r.Totals.Emissions.Kilograms, objective.Evaluate(r.Totals), r.FirmLate.Count));
            }
        return split;
    }

    /// <summary>Share of optimal's saving that <paramref name="policy"/> reaches under one lever set, where optimal
    /// saves more than 0.5 % of run-now.</summary>
    public double? ShareOfOptimal(string policy, string set)
    {
        var opt = Cell("optimal", set);
        var p = Cell(policy, set);
        if (opt is null || p is null) return null;
        var best = _runNowKg - opt.Value.Kg;
        return best > 0.005 * _runNowKg ? (_runNowKg - p.Value.Kg) / best : null;
    }

    private (string Policy, string Set, double Kg, double Objective, int FirmLate)? Cell(string policy, string set) =>
        _cells.FirstOrDefault(c => c.Policy == policy && c.Set == set) is { Policy: not null } c ? c : null;

    public string Render(Scenario scenario)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"saving over run-now ({_runNowKg:0.0} kg) by source: kg saved (% of run-now); levers on in each column");
        sb.Append(c, $"{"policy",-12}");
        foreach (var (set, _) in Sets) sb.Append(c, $" {set,18}");
        sb.AppendLine();
        foreach (var policy in _cells.Select(x => x.Policy).Distinct())
        {
            sb.Append(c, $"{policy,-12}");
            foreach (var (set, _) in Sets)
            {
                var cell = Cell(policy, set)!.Value;
                var saved = _runNowKg - cell.Kg;
                sb.Append(c, $" {$"{saved:0.0} ({saved / _runNowKg:+0.0%;-0.0%})" + (cell.FirmLate > 0 ? $" L{cell.FirmLate}" : ""),18}");
            }
            sb.AppendLine();
        }
        sb.AppendLine("(L n: n rigid or standard jobs finished late)");
        foreach (var name in new[] { "mpc", "mpc-lightgbm", "greedy" })
        {
            if (ShareOfOptimal(name, "time+place") is { } m) sb.AppendLine(c, $"with capping off, {name} achieves {m:P1} of optimal's emissions saving (target ≥ 90%)");
            else if (Cell(name, "time+place") is not null && Cell("optimal", "time+place") is not null)
                sb.AppendLine(c, $"with capping off, optimal saves at most 0.5% of run-now's emissions: no share for {name}");
        }
        foreach (var cell in _cells.Where(x => x.Policy is "greedy" or "mpc" or "mpc-lightgbm" or "optimal" && x.Objective > _runNowObjective * (1 + 1e-9)))
            sb.AppendLine(c, $"{cell.Policy} with levers {cell.Set} is worse than run-now on the objective by {cell.Objective / _runNowObjective - 1:+0.00%}");
        return sb.ToString();
    }

    public object Json() => new
    {
        run_now_kg = _runNowKg,
        cells = _cells.Select(x => new { policy = x.Policy, levers = x.Set, emissions_kg = x.Kg, saved_kg = _runNowKg - x.Kg, saved_share = (_runNowKg - x.Kg) / _runNowKg, objective = x.Objective, firm_late = x.FirmLate }),
        share_of_optimal_capping_off = _cells.Select(x => x.Policy).Distinct().Where(p => p != "optimal")
            .ToDictionary(p => p, p => ShareOfOptimal(p, "time+place")),
    };
}
