using System.Globalization;

namespace Tandem.Formats;

/// <summary>Reads the Microsoft Philly job run-time distribution (Jeon et al., ATC 2019, as published with the
/// Alibaba v2020 analysis): one column "runtime" in seconds. Zero run times are kept; callers decide.</summary>
public static class PhillyRuntimeReader
{
    // Ten years: a run time beyond it is a corrupt row, and it keeps every run time far inside a TimeSpan.
    private const double MaxSeconds = 3660 * 86400.0;

    /// <summary>Reads all run times.</summary>
    public static IReadOnlyList<TimeSpan> Read(string path)
    {
        var csv = CsvFile.Read(path);
        var c = csv.RequireColumn("runtime");
        var list = new List<TimeSpan>(csv.Rows.Count);
        var problems = new List<DataProblem>();
        foreach (var (line, f) in csv.Rows)
        {
            if (double.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= MaxSeconds)
                list.Add(TimeSpan.FromSeconds(s));
            else if (problems.Count < 20) problems.Add(new DataProblem(path, "runtime", line, $"'{f[c]}' is not a number of seconds from 0 to {MaxSeconds:#,0} (ten years)"));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return list;
    }
}
