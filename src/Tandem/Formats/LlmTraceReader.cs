using System.Globalization;
using System.Text.Json;

namespace Tandem.Formats;

/// <summary>Reads LLM inference request traces into arrival offsets and token counts. Only the relative arrival
/// times are kept: Tandem replays a trace's shape onto a scenario's period (docs/model.md), so the absolute date of
/// the recording does not matter.</summary>
public static class LlmTraceReader
{
    // Ten years of milliseconds: a later stamp is a corrupt line, and it keeps every offset far inside a TimeSpan.
    private const double MaxMilliseconds = 3660 * 86400e3;

    /// <summary>The trace formats understood.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["azure-llm", "mooncake"];

    /// <summary>Reads a trace in a named format.</summary>
    public static IReadOnlyList<LlmRequest> Read(string path, string format) => format switch
    {
        "azure-llm" => ReadAzure(path),
        "mooncake" => ReadMooncake(path),
        _ => throw new DataFileException(path, "format", 0, $"unknown inference trace format '{format}'; known: {string.Join(", ", Formats)}"),
    };

    /// <summary>Azure LLM inference trace 2023 (Patel et al., Splitwise, ISCA 2024): TIMESTAMP, ContextTokens,
    /// GeneratedTokens.</summary>
    public static IReadOnlyList<LlmRequest> ReadAzure(string path)
    {
        var csv = CsvFile.Read(path);
        int t = csv.RequireColumn("TIMESTAMP"), ctx = csv.RequireColumn("ContextTokens"), gen = csv.RequireColumn("GeneratedTokens");
        var problems = new List<DataProblem>();
        var rows = new List<(DateTime, int, int)>(csv.Rows.Count);
        foreach (var (line, f) in csv.Rows)
        {
            var stamp = f[t].Length > 27 ? f[t][..27] : f[t];
            if (!DateTime.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                || !int.TryParse(f[ctx], CultureInfo.InvariantCulture, out var i) || i < 0
                || !int.TryParse(f[gen], CultureInfo.InvariantCulture, out var o) || o < 0)
            {
                if (problems.Count < 20) problems.Add(new DataProblem(path, "", line, "expected a time stamp and two non-negative token counts"));
                continue;
            }
            rows.Add((at, i, o));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        if (rows.Count == 0) throw new DataFileException(path, "", 0, "no requests");
        var first = rows.Min(r => r.Item1);
        return rows.Select(r => new LlmRequest(r.Item1 - first, r.Item2, r.Item3)).OrderBy(r => r.Offset).ToArray();
    }

    /// <summary>Mooncake (Kimi) trace (Qin et al., FAST 2025): JSON lines with timestamp (ms), input_length,
    /// output_length.</summary>
    public static IReadOnlyList<LlmRequest> ReadMooncake(string path)
    {
        using var reader = CsvFile.OpenText(path);
        var list = new List<LlmRequest>();
        var problems = new List<DataProblem>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var ms = r.GetProperty("timestamp").GetDouble();
                var i = r.GetProperty("input_length").GetInt32();
                var o = r.GetProperty("output_length").GetInt32();
                if (ms < 0 || i < 0 || o < 0) throw new FormatException("negative value");
                if (ms > MaxMilliseconds) throw new FormatException($"timestamp {ms} ms is beyond ten years");
                list.Add(new LlmRequest(TimeSpan.FromMilliseconds(ms), i, o));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                if (problems.Count < 20) problems.Add(new DataProblem(path, "", lineNo, $"not a valid request: {e.Message}"));
            }
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        if (list.Count == 0) throw new DataFileException(path, "", 0, "no requests");
        var first = list.Min(r => r.Offset);
        return list.Select(r => r with { Offset = r.Offset - first }).OrderBy(r => r.Offset).ToArray();
    }
}
