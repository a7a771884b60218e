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
        return new ForecastSeries(Target, Times, v, c);
    }
}
