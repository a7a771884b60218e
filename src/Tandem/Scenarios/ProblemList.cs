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

    /// <summary>Adds a problem when <paramref name="value"/> is given and above <paramref name="max"/> (a bound of
    /// <see cref="ScenarioLimits"/>); whether it may be negative or zero is checked by the caller.</summary>
    public void AtMost(double? value, string field, double max, string unit)
    {
        if (value is { } v && v > max) Add(field, $"{v} is above the limit of {max:#,0.######} {unit}");
    }

    /// <summary>Adds a problem when <paramref name="value"/> is given and its size, either sign, is above
    /// <paramref name="max"/>.</summary>
    public void WithinPlusOrMinus(double? value, string field, double max, string unit)
    {
        if (value is { } v && !(Math.Abs(v) <= max)) Add(field, $"{v} lies outside ±{max:#,0.######} {unit}");
    }

    /// <summary>Adds a problem for a null entry in a list, which names nothing; returns whether it was null.</summary>
    public bool IsNullEntry(object? entry, string field, string what)
    {
        if (entry is not null) return false;
        Add(field, $"is null; give {what} or remove the entry");
        return true;
    }

    public string RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        return value ?? "";
    }
}
