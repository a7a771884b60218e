using System.Globalization;

namespace Tandem.Formats;

/// <summary>Reads openb_pod_list_*.csv of the Alibaba GPU trace v2023: name, cpu_milli, memory_mib, num_gpu,
/// gpu_milli, gpu_spec, qos, pod_phase, creation_time, deletion_time, scheduled_time (seconds).</summary>
public static class AlibabaGpuTraceReader
{
    // Ten years of seconds: a time beyond it is a corrupt row, and it keeps every time far inside a TimeSpan.
    private const long MaxSeconds = 3660 * 86400L;

    /// <summary>Reads every pod; reports up to 20 bad rows at once with their lines.</summary>
    public static IReadOnlyList<AlibabaGpuTask> Read(string path)
    {
        var csv = CsvFile.Read(path);
        int name = csv.RequireColumn("name"), gpu = csv.RequireColumn("num_gpu"), milli = csv.RequireColumn("gpu_milli"),
            qos = csv.RequireColumn("qos"), phase = csv.RequireColumn("pod_phase"), created = csv.RequireColumn("creation_time"),
            deleted = csv.RequireColumn("deletion_time"), scheduled = csv.RequireColumn("scheduled_time");
        var tasks = new List<AlibabaGpuTask>(csv.Rows.Count);
        var problems = new List<DataProblem>();
        foreach (var (line, f) in csv.Rows)
        {
            if (!int.TryParse(f[gpu], CultureInfo.InvariantCulture, out var g) || g < 0) { Bad(line, "num_gpu", f[gpu]); continue; }
            if (!int.TryParse(f[milli], CultureInfo.InvariantCulture, out var m) || m < 0) { Bad(line, "gpu_milli", f[milli]); continue; }
            if (!long.TryParse(f[created], CultureInfo.InvariantCulture, out var c) || c < 0 || c > MaxSeconds) { Bad(line, "creation_time", f[created]); continue; }
            if (!long.TryParse(f[deleted], CultureInfo.InvariantCulture, out var d) || d < c || d > MaxSeconds) { Bad(line, "deletion_time", f[deleted]); continue; }
            TimeSpan? s = null;
            if (f[scheduled].Length > 0)
            {
                if (!long.TryParse(f[scheduled], CultureInfo.InvariantCulture, out var sv) || sv < c || sv > d) { Bad(line, "scheduled_time", f[scheduled]); continue; }
                s = TimeSpan.FromSeconds(sv);
            }
            tasks.Add(new AlibabaGpuTask(f[name], g, m, f[qos], f[phase], TimeSpan.FromSeconds(c), s, TimeSpan.FromSeconds(d), line));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return tasks;

        void Bad(int line, string field, string value)
        {
            if (problems.Count < 20) problems.Add(new DataProblem(path, field, line, $"'{value}' is not a valid value"));
        }
    }
}
