using Tandem.Formats;

namespace Tandem.Scenarios;

/// <summary>Collects every problem found while loading a scenario, so all of them are reported at once.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<DataProblem> _items = [];

    public string File { get; } = file;
    public int Count => _items.Count;
    public IReadOnlyList<DataProblem> Items => _items;

    public void Add(string field, string message, int line = 0) => _items.Add(new DataProblem(File, field, line, message));
    public void AddRange(IEnumerable<DataProblem> problems) => _items.AddRange(problems);

    /// <summary>Runs a read that may fail with a <see cref="DataFileException"/>; its problems are collected, and
    /// they name the scenario field that pointed to the file.</summary>
    public T? Try<T>(string field, Func<T> read) where T : class
    {
        try { return read(); }
        catch (DataFileException e)
        {
            foreach (var p in e.Problems)
                _items.Add(p with { Field = string.IsNullOrEmpty(p.Field) ? field : $"{field} → {p.Field}" });
            return null;
        }
    }

    public T Require<T>(T? value, string field, string what = "is required") where T : struct
    {
        if (value is null) Add(field, what);
        return value ?? default;
    }

    public string RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        return value ?? "";
    }
}
