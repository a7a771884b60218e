using System.Globalization;
using System.Net;
using System.Text;
using Tandem.Cli.Simulate;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Cli.Reporting;

/// <summary>Writes report.html, a self-contained page (charts embedded as data URIs), and the chart PNGs beside it.</summary>
internal static class ReportWriter
{
    public static async Task WriteAsync(string dir, Scenario scenario, IReadOnlyList<RunResult> results, IReadOnlyList<PlanningSummary?> planning, CancellationToken ct)
    {
        var charts = new List<(string File, string Caption, byte[] Png)>
        {
            ("totals-emissions.png", "Emissions (t CO2e, location-based)", Charts.Totals(results, "Emissions (t CO2e)", t => t.Emissions.Tonnes)),
            ("totals-cost.png", $"Cost of grid energy ({scenario.Currency})", Charts.Totals(results, $"Cost ({scenario.Currency})", t => t.Cost.Amount)),
            ("totals-green.png", "Green share (%)", Charts.Totals(results, "Green share (%)", t => t.GreenShare.Percent)),
        };
        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            var site = scenario.Sites[s];
            var ci = scenario.Signals.Site(s).AverageIntensity.Values.ToArray().Select(c => c.GramsPerKilowattHour).ToArray();
            var price = scenario.Signals.Site(s).Price.Values.ToArray().Select(p => p.PerMegawattHour).ToArray();
            charts.Add(($"site-{site.Id}-carbon.png", $"{site.Name}: facility power vs grid carbon intensity",
                Charts.SitePower(scenario, results, s, "carbon intensity (g/kWh)", ci)));
            charts.Add(($"site-{site.Id}-price.png", $"{site.Name}: facility power vs price",
                Charts.SitePower(scenario, results, s, $"price ({scenario.Currency}/MWh)", price)));
        }
        foreach (var (file, _, png) in charts) await File.WriteAllBytesAsync(Path.Combine(dir, file), png, ct);
        var tmp = Path.Combine(dir, "report.html.tmp");
        await File.WriteAllTextAsync(tmp, Html(scenario, results, planning, charts), Encoding.UTF8, ct);
        File.Move(tmp, Path.Combine(dir, "report.html"), overwrite: true);
    }

    private static string Html(Scenario scenario, IReadOnlyList<RunResult> results, IReadOnlyList<PlanningSummary?> planning,
        List<(string File, string Caption, byte[] Png)> charts)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tandem report: ")
          .Append(WebUtility.HtmlEncode(scenario.Name)).Append("</title><style>")
          .Append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
          .Append("th:first-child,td:first-child{text-align:left}figure{display:inline-block;margin:0.5em}img{max-width:100%}")
          .Append("</style></head><body>");
        sb.Append("<h1>Tandem report: ").Append(WebUtility.HtmlEncode(scenario.Name)).Append("</h1>");
        sb.Append(c, $"<p>{scenario.Grid.Start:yyyy-MM-dd HH:mm}Z to {scenario.Grid.End:yyyy-MM-dd HH:mm}Z, {scenario.Grid.Count} steps of {scenario.Grid.Step.TotalMinutes:0} minutes; ")
          .Append(c, $"{scenario.Sites.Count} sites, {scenario.Jobs.Count} jobs, {scenario.Inference.Count} online inference regions.</p>");
        sb.Append("<table id=\"totals\"><tr><th>policy</th><th>energy (MWh)</th><th>grid (MWh)</th><th>on-site (MWh)</th><th>emissions (t CO2e)</th>")
          .Append(c, $"<th>cost ({scenario.Currency})</th><th>green share (%)</th><th>jobs done</th><th>deadline misses</th><th>mean delay (h)</th><th>inference unserved (%)</th></tr>");
        foreach (var t in results.Select(r => r.Totals))
            sb.Append(c, $"<tr><td>{WebUtility.HtmlEncode(t.Policy)}</td><td>{t.Energy.MegawattHours:0.0}</td><td>{t.GridEnergy.MegawattHours:0.0}</td><td>{t.OnsiteEnergy.MegawattHours:0.0}</td>")
              .Append(c, $"<td>{t.Emissions.Tonnes:0.00}</td><td>{t.Cost.Amount:0}</td><td>{t.GreenShare.Percent:0.0}</td><td>{t.JobsCompleted}/{t.JobsTotal}</td>")
              .Append(c, $"<td>{t.DeadlineMisses}</td><td>{t.MeanDelayHours:0.00}</td><td>{t.InferenceUnserved.Percent:0.00}</td></tr>");
        sb.Append("</table>");
        Planning(sb, results, planning);
        foreach (var (file, caption, png) in charts)
            sb.Append("<figure><img alt=\"").Append(WebUtility.HtmlEncode(caption)).Append("\" src=\"data:image/png;base64,")
              .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(WebUtility.HtmlEncode(caption))
              .Append(" (<a href=\"").Append(file).Append("\">").Append(file).Append("</a>)</figcaption></figure>");
        sb.Append("<p>Emissions are location-based (grid energy × average intensity). Green share = (on-site + battery + grid × carbon-free share) / facility energy. See docs/model.md.</p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>How each planning policy made its plan: method, the plan's objective in the model, the proven lower
    /// bound and the gap between them, candidates and planning time.</summary>
    private static void Planning(StringBuilder sb, IReadOnlyList<RunResult> results, IReadOnlyList<PlanningSummary?> planning)
    {
        if (planning.All(p => p is null)) return;
        var c = CultureInfo.InvariantCulture;
        sb.Append("<h2>How each policy planned</h2><table id=\"planning\"><tr><th>policy</th><th>method</th><th>solver</th><th>plan objective</th>")
          .Append("<th>lower bound</th><th>gap (%)</th><th>candidate placements</th><th>plan time (s)</th></tr>");
        for (var i = 0; i < results.Count; i++)
        {
            if (planning[i] is not { } p) continue;
            sb.Append(c, $"<tr><td>{WebUtility.HtmlEncode(results[i].Totals.Policy)}</td><td style=\"text-align:left\">{WebUtility.HtmlEncode(p.MethodLabel)}</td>")
              .Append(c, $"<td style=\"text-align:left\">{WebUtility.HtmlEncode(p.Solver ?? "")}</td><td>{p.PlanObjective:0.000}</td><td>{p.LowerBound:0.000}</td>")
              .Append(c, $"<td>{p.RelativeGapFraction * 100:0.00}</td><td>{(p.CandidatePlacements > 0 ? p.CandidatePlacements.ToString("N0", c) : "")}</td><td>{p.PlanSeconds:0.00}</td></tr>");
        }
        sb.Append("</table><p>Objective values are in the units of the objective (kg CO2e for emissions, plus the penalties; see docs/planning.md). ")
          .Append("The lower bound is proven (the MILP's bound or the LP relaxation's optimum); \"proven optimal\" appears only where the MILP was ")
          .Append("solved to a closed gap over a model with nothing left out.</p>");
    }
}
