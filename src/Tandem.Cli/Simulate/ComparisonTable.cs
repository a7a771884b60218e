using System.Globalization;
using System.Text;
using Tandem.Simulation;

namespace Tandem.Cli.Simulate;

/// <summary>The policy comparison printed after a run: one row per policy, units in the headers.</summary>
internal static class ComparisonTable
{
    public static string Render(IReadOnlyList<RunResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var currency = results.Count > 0 ? results[0].Totals.Cost.Currency.Code : "";
        string[] header = ["policy", "energy MWh", "grid MWh", "emissions t", $"cost {currency}", "green %", "done", "missed", "delay h", "unserved %", "wall s"];
        var rows = results.Select(r => r.Totals).Select(t => new[]
        {
            t.Policy, t.Energy.MegawattHours.ToString("0.0", c), t.GridEnergy.MegawattHours.ToString("0.0", c),
            t.Emissions.Tonnes.ToString("0.00", c), t.Cost.Amount.ToString("0", c), t.GreenShare.Percent.ToString("0.0", c),
            $"{t.JobsCompleted}/{t.JobsTotal}", t.DeadlineMisses.ToString(c), t.MeanDelayHours.ToString("0.00", c),
            t.InferenceUnserved.Percent.ToString("0.00", c), t.WallSeconds.ToString("0.00", c),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))));
        return sb.ToString().TrimEnd();
    }
}
