using System.Globalization;
using System.Text;
using Tandem.Simulation;

namespace Tandem.Cli.Simulate;

/// <summary>The policy comparison printed after a run: one row per policy, units in the headers, and last how each
/// policy planned ("exact MILP (proven optimal)", "LP relaxation + repair, within 0.40 % of the bound", ...).</summary>
internal static class ComparisonTable
{
    /// <summary>The table of <paramref name="summaries"/> (one type for a run's totals: what simulate prints, runs show
    /// reads back and summary.json holds), with each policy's planning method where known.</summary>
    public static string Render(IReadOnlyList<PolicySummary> summaries, IReadOnlyList<PlanningSummary?>? planning = null)
    {
        var c = CultureInfo.InvariantCulture;
        var currency = summaries.Count > 0 ? summaries[0].Currency : "";
        string[] header = ["policy", "energy MWh", "grid MWh", "emissions t", $"cost {currency}", "green %", "done", "missed", "delay h", "unserved %", "wall s", "method"];
        var rows = summaries.Select((t, i) => new[]
        {
            t.Policy, (t.EnergyKwh / 1000).ToString("0.0", c), (t.GridEnergyKwh / 1000).ToString("0.0", c),
            (t.EmissionsKg / 1000).ToString("0.00", c), t.Cost.ToString("0", c), (t.GreenShare * 100).ToString("0.0", c),
            $"{t.JobsCompleted}/{t.JobsTotal}", t.DeadlineMisses.ToString(c), t.MeanDelayHours.ToString("0.00", c),
            (t.InferenceUnservedFraction * 100).ToString("0.00", c), t.WallSeconds.ToString("0.00", c), planning?[i]?.MethodLabel ?? "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var last = header.Length - 1;
        // The policy and the method read left-aligned, numbers right-aligned; the method, last, is not padded.
        string Cell(string v, int i) => i == 0 ? v.PadRight(widths[i]) : i == last ? v : v.PadLeft(widths[i]);
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", header.Select(Cell)));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select(Cell)));
        return sb.ToString().TrimEnd();
    }
}
