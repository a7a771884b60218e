using System.Globalization;
using Tandem.Fleet;

namespace Tandem.Formats;

/// <summary>Reads a Zeus (You et al., NSDI 2023) power-limit sweep, summary_power_&lt;gpu&gt;.csv: dataset, network,
/// batch_size, optimizer, power_limit (W), time_per_epoch (s), average_power (W), and turns it into a
/// <see cref="PowerCurve"/>: for every workload configuration measured at every limit, throughput relative to its
/// own run at the highest limit, and draw relative to the highest limit; then the median over configurations.</summary>
public static class ZeusPowerReader
{
    /// <summary>Builds the median power curve of a sweep file.</summary>
    public static PowerCurve ReadCurve(string path)
    {
        var csv = CsvFile.Read(path);
        int ds = csv.RequireColumn("dataset"), net = csv.RequireColumn("network"), bs = csv.RequireColumn("batch_size"),
            opt = csv.RequireColumn("optimizer"), pl = csv.RequireColumn("power_limit"), tpe = csv.RequireColumn("time_per_epoch"),
            ap = csv.RequireColumn("average_power");
        var rows = new List<(string Config, double Limit, double Time, double Power)>();
        var problems = new List<DataProblem>();
        foreach (var (line, f) in csv.Rows)
        {
            if (!double.TryParse(f[pl], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) || l <= 0
                || !double.TryParse(f[tpe], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t <= 0
                || !double.TryParse(f[ap], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p <= 0)
            {
                if (problems.Count < 20) problems.Add(new DataProblem(path, "", line, "power_limit, time_per_epoch and average_power must be positive numbers"));
                continue;
            }
            rows.Add(($"{f[ds]}|{f[net]}|{f[bs]}|{f[opt]}", l, t, p));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        var limits = rows.Select(r => r.Limit).Distinct().Order().ToArray();
        if (limits.Length == 0) throw new DataFileException(path, "", 0, "no measurements");
        var max = limits[^1];
        var complete = rows.GroupBy(r => r.Config).Where(g => g.Select(r => r.Limit).Distinct().Count() == limits.Length).ToList();
        if (complete.Count == 0) throw new DataFileException(path, "", 0, "no configuration was measured at every power limit");
        var levels = new List<PowerLevel>();
        foreach (var limit in limits)
        {
            var thr = new List<double>();
            var pow = new List<double>();
            foreach (var g in complete)
            {
                var atMax = g.Where(r => r.Limit == max).Average(r => r.Time);
                var here = g.Where(r => r.Limit == limit).ToArray();
                thr.Add(atMax / here.Average(r => r.Time));
                pow.Add(here.Average(r => r.Power) / max);
            }
            var throughput = limit == max ? 1.0 : Math.Min(1.0, Median(thr));
            levels.Add(new PowerLevel(limit / max, throughput, Math.Min(1.0, Median(pow))));
        }
        return new PowerCurve(levels);
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
