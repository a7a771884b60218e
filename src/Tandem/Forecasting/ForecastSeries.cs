using Tandem.Formats;

namespace Tandem.Forecasting;

/// <summary>A target series to forecast on a fixed step, with covariates that are known in advance (day-ahead
/// forecasts of generation, weather or load published before the issue time, so their value at a target time may be
/// used when forecasting it). Observed values of the target are only ever read before the issue time.</summary>
public sealed class ForecastSeries
{
    /// <summary>Creates a series; times must be strictly increasing on one step, and every covariate must have one value
    /// per time.</summary>
    public ForecastSeries(string target, DateTimeOffset[] times, double[] values, IReadOnlyDictionary<string, double[]> knownCovariates)
    {
        if (times.Length != values.Length) throw new ArgumentException("times and values differ in length");
        if (times.Length < 2) throw new ArgumentException("a series needs at least two values");
        Step = times[1] - times[0];
        for (var i = 1; i < times.Length; i++)
            if (times[i] - times[i - 1] != Step) throw new ArgumentException($"the series is not on one step at {times[i]:O}");
        foreach (var (name, v) in knownCovariates)
            if (v.Length != times.Length) throw new ArgumentException($"covariate {name} has {v.Length} values for {times.Length} times");
        Target = target;
        Times = times;
        Values = values;
        Covariates = knownCovariates;
    }

    /// <summary>When each covariate value was published, for series published ahead of time (known_ahead): a request
    /// issued at index b sees a value only if it was published by the start of step b − 1, the last known one, in
    /// training as in use. Covariates not listed here are known in advance whole (calendar features, benchmark files).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset[]> CovariateIssuedAt { get; init; } = new Dictionary<string, DateTimeOffset[]>();

    /// <summary>The series to forecast from a table read from a file: its <paramref name="target"/> column and the
    /// covariates <paramref name="covariates"/> chooses. Every problem (the target or a covariate not a column, fewer
    /// than two rows, times not on one step) is reported at once in a <see cref="DataFileException"/> naming the file,
    /// the column and the line.</summary>
    public static ForecastSeries FromTable(TimeSeriesTable table, string target, CovariateChoice covariates)
    {
        var problems = new List<DataProblem>();
        if (!table.Has(target))
            problems.Add(new DataProblem(table.File, target, 0, $"the target is not a column; the file gives: {string.Join(", ", table.ColumnNames)}"));
        IReadOnlyList<string> names = [];
        try { names = covariates.Choose(table, target); }
        catch (DataFileException e) { problems.AddRange(e.Problems); }
        var times = table.Times.ToArray();
        if (times.Length < 2) problems.Add(new DataProblem(table.File, "", 0, $"has {times.Length} rows; a forecast needs at least two"));
        else
        {
            var step = times[1] - times[0];
            if (step <= TimeSpan.Zero) problems.Add(new DataProblem(table.File, "", table.Lines[1], "time stamps must increase"));
            for (var i = 2; i < times.Length && step > TimeSpan.Zero && problems.Count < 20; i++)
                if (times[i] - times[i - 1] != step)
                    problems.Add(new DataProblem(table.File, "", table.Lines[i],
                        $"time {times[i]:O} comes {(times[i] - times[i - 1]).TotalMinutes:0.##} minutes after the one before; the series steps by {step.TotalMinutes:0.##} (fill gaps and drop repeats first)"));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return new ForecastSeries(target, times, table.Column(target), names.ToDictionary(n => n, table.Column));
    }

    /// <summary>Name of the target column.</summary>
    public string Target { get; }
    /// <summary>UTC times.</summary>
    public DateTimeOffset[] Times { get; }
    /// <summary>Target values.</summary>
    public double[] Values { get; }
    /// <summary>Known-in-advance covariates by name.</summary>
    public IReadOnlyDictionary<string, double[]> Covariates { get; }
    /// <summary>The step.</summary>
    public TimeSpan Step { get; }
    /// <summary>Steps per day.</summary>
    public int StepsPerDay => (int)Math.Round(TimeSpan.FromDays(1) / Step);

    /// <summary>Index of a time, or -1.</summary>
    public int IndexOf(DateTimeOffset t)
    {
        var d = t - Times[0];
        if (d < TimeSpan.Zero || d.Ticks % Step.Ticks != 0) return -1;
        var i = (int)(d.Ticks / Step.Ticks);
        return i < Times.Length ? i : -1;
    }

    /// <summary>The same series with the target and every covariate replaced from index <paramref name="from"/> on:
    /// used by the test that proves no forecast reads the future.</summary>
    public ForecastSeries Scrambled(int from, Func<int, double, double> replace)
    {
        var v = Values.Select((x, i) => i >= from ? replace(i, x) : x).ToArray();
        var c = Covariates.ToDictionary(kv => kv.Key, kv => kv.Value.Select((x, i) => i >= from ? replace(i, x) : x).ToArray());
        return new ForecastSeries(Target, Times, v, c) { CovariateIssuedAt = CovariateIssuedAt };
    }
}
