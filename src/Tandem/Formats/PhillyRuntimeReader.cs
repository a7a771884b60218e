using System.Globalization;

namespace Tandem.Formats;

/// <summary>Reads the Microsoft Philly job run-time distribution (Jeon et al., ATC 2019, as published with the
/// Alibaba v2020 analysis): one column "runtime" in seconds. Zero run times are kept; callers decide.</summary>
public static class PhillyRuntimeReader
{
    /// <summary>Reads all run times.</summary>
    public static IReadOnlyList<TimeSpan> Read(string path)
    {
        var csv = CsvFile.Read(path);
        var c = csv.RequireColumn("runtime");
        var list = new List<TimeSpan>(csv.Rows.Count);
        var problems = new List<DataProblem>();
        foreach (var (line, f) in csv.Rows)
        {
            if (double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && double.IsFinite(s))
                list.Add(TimeSpan.FromSeconds(s));
            else if (problems.Count < 20) problems.Add(new DataProblem(path, "runtime", line, $"'{f[c]}' is not a non-negative number of seconds"));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return list;
    }
}
