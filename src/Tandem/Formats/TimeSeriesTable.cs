using Tandem.Units;

namespace Tandem.Formats;

/// <summary>Time series read from one file, already in Tandem units and UTC: one timestamp per row, and columns
/// whose names carry their unit (carbon_intensity_g_per_kwh, price_per_mwh, power_kw, temperature_c, ..._fraction).
/// A value that was missing or not a number is NaN; <see cref="Problems"/> reports those for the rows a caller uses.</summary>
public sealed class TimeSeriesTable
{
    private readonly Dictionary<string, double[]> _columns;

    /// <summary>Creates a table; every column has one value per timestamp.</summary>
    public TimeSeriesTable(string file, DateTimeOffset[] times, int[] lines, Dictionary<string, double[]> columns, Currency? currency)
    {
        foreach (var (name, v) in columns)
            if (v.Length != times.Length) throw new ArgumentException($"Column {name} has {v.Length} values for {times.Length} times.");
        File = file;
        Times = times;
        Lines = lines;
        _columns = columns;
        Currency = currency;
    }

    /// <summary>The file read.</summary>
    public string File { get; }
    /// <summary>UTC timestamps, one per row; each labels the interval that starts there.</summary>
    public IReadOnlyList<DateTimeOffset> Times { get; }
    /// <summary>The source line of each row (1-based; 0 where not from a text line).</summary>
    public IReadOnlyList<int> Lines { get; }
    /// <summary>Currency of the price columns, if any.</summary>
    public Currency? Currency { get; }
    /// <summary>The column names, with their units in them.</summary>
    public IEnumerable<string> ColumnNames => _columns.Keys;

    /// <summary>The same table with one more (or a replaced) column.</summary>
    public TimeSeriesTable WithColumn(string name, double[] values) =>
        new(File, (DateTimeOffset[])Times, (int[])Lines, new Dictionary<string, double[]>(_columns) { [name] = values }, Currency);

    /// <summary>True if the table has the column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>A column's values; a missing column is a <see cref="DataFileException"/> listing those there are.</summary>
    public double[] Column(string column) =>
        _columns.TryGetValue(column, out var v)
            ? v
            : throw new DataFileException(File, column, 0, $"no such column; this format gives: {string.Join(", ", _columns.Keys)}");

    /// <summary>Rows in [from, to) whose value in <paramref name="column"/> is missing or not a number.</summary>
    public List<DataProblem> Problems(string column, DateTimeOffset from, DateTimeOffset to)
    {
        var v = Column(column);
        var problems = new List<DataProblem>();
        for (var i = 0; i < v.Length && problems.Count < 20; i++)
            if (double.IsNaN(v[i]) && Times[i] >= from && Times[i] < to)
                problems.Add(new DataProblem(File, column, Lines[i], "missing or not a number"));
        return problems;
    }
}
