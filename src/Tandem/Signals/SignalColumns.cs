using Tandem.Formats;
using Tandem.Time;

namespace Tandem.Signals;

/// <summary>Which column of a <see cref="TimeSeriesTable"/> holds which <see cref="SignalKind"/>, and a column as a
/// <see cref="SignalSeries"/> on the grid its own time stamps define. The default columns are the ones a scenario
/// reads each kind from (carbon_intensity_g_per_kwh for carbon, power_kw for on-site generation, ...).</summary>
public static class SignalColumns
{
    /// <summary>The most steps one series may span (about 95 years of 5-minute steps); a stray time stamp far from the
    /// rest would otherwise ask for a grid of billions of empty steps.</summary>
    public const int MaxSteps = 10_000_000;

    private static readonly (string Column, SignalKind Kind)[] Defaults =
    [
        ("carbon_intensity_g_per_kwh", SignalKind.Carbon),
        ("marginal_intensity_g_per_kwh", SignalKind.MarginalCarbon),
        ("price_per_mwh", SignalKind.Price),
        ("cfe_share_fraction", SignalKind.CarbonFree),
        ("power_kw", SignalKind.Generation),
        ("temperature_c", SignalKind.Temperature),
        ("pue_ratio", SignalKind.Pue),
        ("inference_gpus", SignalKind.Inference),
    ];

    /// <summary>The kind a column holds by default, or null for a column that is no signal Tandem steers by (a
    /// forecast, a fuel's output, an irradiance, ...).</summary>
    public static SignalKind? KindOf(string column)
    {
        foreach (var d in Defaults) if (d.Column == column) return d.Kind;
        return null;
    }

    /// <summary>The column a kind is read from by default, e.g. carbon_intensity_g_per_kwh.</summary>
    public static string ColumnOf(SignalKind kind) => Defaults.First(d => d.Kind == kind).Column;

    /// <summary>True if <paramref name="column"/>'s name ends in the unit of <paramref name="kind"/>
    /// (temperature_forecast_c for temperature, lear_ensemble_price_per_mwh for price): the check that lets a user
    /// store another column as a kind without mixing units.</summary>
    public static bool HasUnitOf(string column, SignalKind kind) => column.EndsWith("_" + kind.Unit(), StringComparison.Ordinal);

    /// <summary>One column of <paramref name="table"/> as a series of <paramref name="zone"/> on its native grid: the
    /// step is the most common difference between time stamps, the grid starts at the first stamp, and a step the
    /// file has no row (or no number) for is NaN. Stamps that go backwards, repeat or fall between grid steps are a
    /// <see cref="DataFileException"/> naming each line, as is a price whose currency nobody stated.</summary>
    public static SignalSeries Series(TimeSeriesTable table, string column, string zone, SignalKind kind)
    {
        var values = table.Column(column);
        var times = table.Times;
        if (times.Count == 0) throw new DataFileException(table.File, column, 0, "the file has no rows");
        var step = Resampler.InferStep(times);
        var start = times[0].ToUniversalTime();
        var problems = new List<DataProblem>();
        for (var i = 1; i < times.Count && problems.Count < 20; i++)
        {
            if (times[i] <= times[i - 1])
                problems.Add(new DataProblem(table.File, column, table.Lines[i], $"time {times[i]:O} does not come after the row before ({times[i - 1]:O})"));
            else if ((times[i] - start).Ticks % step.Ticks != 0)
                problems.Add(new DataProblem(table.File, column, table.Lines[i], $"time {times[i]:O} is not on the grid of {step.TotalMinutes:0.##}-minute steps that starts at {start:O}"));
        }
        var span = (times[^1] - start).Ticks / step.Ticks + 1;
        if (problems.Count == 0 && span > MaxSteps)
            problems.Add(new DataProblem(table.File, column, 0, $"{start:O} to {times[^1]:O} in {step.TotalMinutes:0.##}-minute steps is {span} steps, more than the {MaxSteps} one series may hold"));
        string? currency = null;
        if (kind == SignalKind.Price)
        {
            if (table.Currency is { } c) currency = c.Code;
            else problems.Add(new DataProblem(table.File, "currency", 0, "the file does not say the currency of its prices; state it"));
        }
        if (problems.Count > 0) throw new DataFileException(problems);

        var grid = new double[span];
        Array.Fill(grid, double.NaN);
        var any = false;
        for (var i = 0; i < times.Count; i++)
        {
            grid[(times[i] - start).Ticks / step.Ticks] = values[i];
            any |= !double.IsNaN(values[i]);
        }
        if (!any) throw new DataFileException(table.File, column, 0, "has no values (every row is empty or not a number)");
        return new SignalSeries(zone, kind, new Series<double>(new TimeGrid(start, step, (int)span), grid), currency);
    }
}
