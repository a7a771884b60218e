using Tandem.Formats;

namespace Tandem.Forecasting;

/// <summary>Which known-in-advance columns of a file a forecast may use: <see cref="Auto"/> (every column with
/// "forecast" in its name, except forecasts of the target itself, which would be someone else's answer, such as DACF's
/// own carbon forecast), <see cref="None"/>, or the columns named.</summary>
public sealed class CovariateChoice
{
    private readonly string[]? _named;

    private CovariateChoice(string[]? named) => _named = named;

    /// <summary>Every "forecast" column but the target's own.</summary>
    public static CovariateChoice Auto { get; } = new(null);
    /// <summary>No covariates.</summary>
    public static CovariateChoice None { get; } = new([]);

    /// <summary>Exactly these columns.</summary>
    public static CovariateChoice Named(IEnumerable<string> columns) => new(columns.ToArray());

    /// <summary>Reads "auto", "none" or a comma-separated list of column names.</summary>
    public static CovariateChoice Parse(string text) => text.Trim() switch
    {
        "auto" => Auto,
        "none" => None,
        var list => Named(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
    };

    /// <summary>The covariate columns of <paramref name="table"/> for forecasting <paramref name="target"/>. A named
    /// column the table lacks is a <see cref="DataFileException"/> listing every one missing and those there are.</summary>
    public IReadOnlyList<string> Choose(TimeSeriesTable table, string target)
    {
        if (_named is null)
        {
            var stem = target.Split('_')[0];
            return table.ColumnNames
                .Where(n => n.Contains("forecast", StringComparison.Ordinal) && n != target && !n.StartsWith(stem, StringComparison.Ordinal))
                .ToArray();
        }
        var problems = _named.Where(n => !table.Has(n))
            .Select(n => new DataProblem(table.File, n, 0, $"covariate is not a column; the file gives: {string.Join(", ", table.ColumnNames)}"))
            .ToList();
        if (problems.Count > 0) throw new DataFileException(problems);
        return _named;
    }
}
