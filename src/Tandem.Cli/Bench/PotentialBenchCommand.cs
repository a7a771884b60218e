using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tandem.Cli.Runs;
using Tandem.Cli.Simulate;
using Tandem.Planning;

namespace Tandem.Cli.Bench;

/// <summary>`tandem bench potential --scenario FILE [...] [--out DIR]`: the shifting potential of each scenario
/// (<see cref="ShiftPotential"/>): what moving batch jobs in time, in place and in both could save at most on grid
/// emissions and on cost, with no capacity limits and every job at full power, as a share of the jobs' baseline.</summary>
internal static class PotentialBenchCommand
{
    public static Command Create(ConsoleIo io)
    {
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario files (several after one --scenario, or repeat it)", Required = true, AllowMultipleArgumentsPerToken = true };
        var outOpt = new Option<string?>("--out") { Description = "Write potential.json into this folder" };
        var dbOpt = RunsCommand.DbOption();
        var cmd = new Command("potential", "Upper bound of what shifting jobs in time and place could save (no capacity limits, full power)") { scenarios, outOpt, dbOpt };
        cmd.SetAction(async (pr, ct) =>
        {
            var paths = pr.GetValue(scenarios)!;
            var outDir = pr.GetValue(outOpt);
            if (outDir is not null && File.Exists(outDir)) throw new UsageException($"--out: {outDir} is a file; give a folder for potential.json");
            foreach (var path in paths)
                if (!File.Exists(path)) throw new UsageException($"--scenario: {path}: no such file; nothing was written");
            // Every scenario is loaded before anything is printed, so bad input (exit 2) leaves no partial table.
            var loaded = paths.Select(p => ScenarioFiles.Load(p, pr.GetValue(dbOpt))).ToList();
            var results = new List<ShiftPotential>();
            foreach (var scenario in loaded)
            {
                var r = ShiftPotential.Of(scenario);
                results.Add(r);
                await io.Out.WriteLineAsync(Render(r, scenario.Grid.Count, scenario.Sites.Count));
            }
            if (outDir is null) return 0;
            var file = Path.Combine(outDir, "potential.json");
            try
            {
                Directory.CreateDirectory(outDir);
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results.Select(Json), SummaryFile.Json), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out: {outDir}: cannot write potential.json there: {e.Message}");
            }
            await io.Out.WriteLineAsync($"Wrote {file}");
            return 0;
        });
        return cmd;
    }

    internal static string Render(ShiftPotential r, int steps, int sites)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"== {r.Scenario}: {sites} sites, {r.Jobs} jobs ({r.JobsWithoutSlack} without slack stay put, {r.JobsLeftOut} left out), {steps} steps");
        sb.AppendLine(c, $"shifting potential: no capacity limits, every job at full power, grid intensity and price only (on-site output ignored); job energy at baseline {r.BaselineEnergy.MegawattHours:0.000} MWh");
        var cost = $"cost {r.BaselineCost.Currency}";
        sb.AppendLine(c, $"{"shift",-14} {"emissions kg",14} {"saving",8} {cost,14} {"saving",8}");
        Line("baseline", r.BaselineEmissions.Kilograms, r.BaselineCost.Amount, null, null);
        Line("time", r.TimeEmissions.Kilograms, r.TimeCost.Amount, r.BaselineEmissions.Kilograms, r.BaselineCost.Amount);
        Line("place", r.PlaceEmissions.Kilograms, r.PlaceCost.Amount, r.BaselineEmissions.Kilograms, r.BaselineCost.Amount);
        Line("time + place", r.BothEmissions.Kilograms, r.BothCost.Amount, r.BaselineEmissions.Kilograms, r.BaselineCost.Amount);
        return sb.ToString();

        void Line(string name, double kg, double money, double? baseKg, double? baseMoney)
        {
            sb.AppendLine(string.Create(c, $"{name,-14} {kg,14:0.0} {Percent(baseKg, kg),8} {money,14:0.00} {Percent(baseMoney, money),8}").TrimEnd());
        }

        string Percent(double? baseline, double value) =>
            baseline is not { } b ? "" : ShiftPotential.Saving(b, value) is { } s ? (s * 100).ToString("0.0", c) + " %" : "n/a";
    }

    private static object Json(ShiftPotential r) => new
    {
        scenario = r.Scenario,
        jobs = r.Jobs,
        jobs_counted = r.JobsCounted,
        jobs_without_slack = r.JobsWithoutSlack,
        jobs_left_out = r.JobsLeftOut,
        baseline_energy_kwh = r.BaselineEnergy.KilowattHours,
        currency = r.BaselineCost.Currency.Code,
        emissions_kg = new { baseline = r.BaselineEmissions.Kilograms, time = r.TimeEmissions.Kilograms, place = r.PlaceEmissions.Kilograms, time_and_place = r.BothEmissions.Kilograms },
        emissions_saving_fraction = new
        {
            time = ShiftPotential.Saving(r.BaselineEmissions.Kilograms, r.TimeEmissions.Kilograms),
            place = ShiftPotential.Saving(r.BaselineEmissions.Kilograms, r.PlaceEmissions.Kilograms),
            time_and_place = ShiftPotential.Saving(r.BaselineEmissions.Kilograms, r.BothEmissions.Kilograms),
        },
        cost = new { baseline = r.BaselineCost.Amount, time = r.TimeCost.Amount, place = r.PlaceCost.Amount, time_and_place = r.BothCost.Amount },
        cost_saving_fraction = new
        {
            time = ShiftPotential.Saving(r.BaselineCost.Amount, r.TimeCost.Amount),
            place = ShiftPotential.Saving(r.BaselineCost.Amount, r.PlaceCost.Amount),
            time_and_place = ShiftPotential.Saving(r.BaselineCost.Amount, r.BothCost.Amount),
        },
    };
}
