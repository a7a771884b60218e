using ScottPlot;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Cli.Reporting;

/// <summary>The report's charts, rendered to PNG with ScottPlot (headless; uses the system's fonts).</summary>
internal static class Charts
{
    private const int Width = 1000;
    private const int Height = 380;

    /// <summary>Facility power of one site under each policy, against a signal (carbon intensity or price) on the
    /// right axis.</summary>
    public static byte[] SitePower(Scenario scenario, IReadOnlyList<RunResult> results, int siteIndex, string signalLabel, double[] signal)
    {
        var plt = new Plot();
        var xs = Enumerable.Range(0, scenario.Grid.Count).Select(i => scenario.Grid.TimeAt(i).UtcDateTime.ToOADate()).ToArray();
        foreach (var r in results)
        {
            var mw = r.Sites[siteIndex].FacilityKw.Select(kw => kw / 1000).ToArray();
            var line = plt.Add.ScatterLine(xs, mw);
            line.LegendText = $"{r.Totals.Policy} facility MW";
            line.LineWidth = 1.5f;
        }
        var site = scenario.Sites[siteIndex];
        if (site.Solar is not null || site.Wind is not null)
        {
            var gen = Enumerable.Range(0, scenario.Grid.Count).Select(i => scenario.Signals.Generation(siteIndex, i).Megawatts).ToArray();
            var g = plt.Add.ScatterLine(xs, gen);
            g.LegendText = "on-site solar/wind MW";
            g.Color = Colors.Orange;
            g.LinePattern = LinePattern.Dashed;
        }
        var s = plt.Add.ScatterLine(xs, signal);
        s.LegendText = signalLabel;
        s.Color = Colors.Gray.WithAlpha(0.8);
        s.LinePattern = LinePattern.Dotted;
        s.Axes.YAxis = plt.Axes.Right;
        plt.Axes.Right.Label.Text = signalLabel;
        plt.Axes.Left.Label.Text = "facility power (MW)";
        plt.Axes.DateTimeTicksBottom();
        plt.Title($"{site.Name}: power and {signalLabel} (UTC)");
        plt.ShowLegend(Alignment.UpperLeft);
        return plt.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>One total per policy as bars.</summary>
    public static byte[] Totals(IReadOnlyList<RunResult> results, string title, Func<RunTotals, double> value)
    {
        var plt = new Plot();
        var values = results.Select(r => value(r.Totals)).ToArray();
        var bars = plt.Add.Bars(values);
        for (var i = 0; i < bars.Bars.Count; i++) bars.Bars[i].Label = values[i].ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        bars.ValueLabelStyle.FontSize = 14;
        plt.Axes.Bottom.SetTicks(Enumerable.Range(0, values.Length).Select(i => (double)i).ToArray(), results.Select(r => r.Totals.Policy).ToArray());
        plt.Axes.Margins(bottom: 0, top: 0.2);
        plt.Title(title);
        return plt.GetImageBytes(360, 300, ImageFormat.Png);
    }
}
