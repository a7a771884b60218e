namespace Tandem.Forecasting;

/// <summary>What a model may see when it forecasts from an issue time: the target's history strictly before the issue
/// time (a span that ends there, so nothing later can be read), the times to forecast, and the known-in-advance
/// covariates up to the last of them.</summary>
public readonly ref struct ForecastRequest
{
    /// <summary>Creates a request from a series at issue index <paramref name="issue"/> for <paramref name="horizon"/> steps.</summary>
    public ForecastRequest(ForecastSeries series, int issue, int horizon)
    {
        if (issue < 1 || issue > series.Times.Length) throw new ArgumentOutOfRangeException(nameof(issue));
        History = series.Values.AsSpan(0, issue);
        Series = series;
        Issue = issue;
        Horizon = horizon;
    }

    /// <summary>Target values before the issue time; the last one is the step just before it.</summary>
    public ReadOnlySpan<double> History { get; }
    /// <summary>Index of the issue time (the first step forecast).</summary>
    public int Issue { get; }
    /// <summary>Steps forecast.</summary>
    public int Horizon { get; }
    private ForecastSeries Series { get; }

    /// <summary>The time of lead <paramref name="k"/> (0-based).</summary>
    public DateTimeOffset TargetTime(int k) => Series.Times[0] + Series.Step * (Issue + k);

    /// <summary>A known-in-advance covariate at lead <paramref name="k"/> (its value for that target time; a negative
    /// lead reads its past), or NaN outside the data. Leads past the horizon cannot be read.</summary>
    public double Covariate(string name, int k)
    {
        if (k >= Horizon) throw new ArgumentOutOfRangeException(nameof(k), k, "a covariate beyond the horizon is not known at the issue time");
        var i = Issue + k;
        var v = Series.Covariates[name];
        if (i < 0 || i >= v.Length) return double.NaN;
        // A value published after the issue time is not known then, whether this request trains or forecasts.
        if (Series.CovariateIssuedAt.TryGetValue(name, out var issued) && Issue > 0 && issued[i] > Series.Times[Issue - 1]) return double.NaN;
        return v[i];
    }

    /// <summary>Names of the known-in-advance covariates.</summary>
    public IEnumerable<string> CovariateNames => Series.Covariates.Keys;
    /// <summary>Steps per day of the series.</summary>
    public int StepsPerDay => Series.StepsPerDay;
}
