namespace Tandem.Forecasting;

/// <summary>The features the learned models see for one lead of one forecast: the lead itself, calendar terms of the
/// target time, lags of the target that lie before the issue time, and the known-in-advance covariates at the target
/// time and a day before it. Built from a <see cref="ForecastRequest"/>, so no feature can read the target at or after
/// the issue time. The same function builds training rows and forecast rows.</summary>
public static class ForecastFeatures
{
    /// <summary>Number of features for a series with <paramref name="covariates"/> covariates.</summary>
    public static int Count(int covariates) => 16 + 2 * covariates;

    /// <summary>The value the learned models predict for lead <paramref name="k"/>: the target minus the last value
    /// at the same time of day before the issue (learning the change generalises across levels).</summary>
    public static double Anchor(ForecastRequest r, int k)
    {
        var day = r.StepsPerDay;
        var i = r.History.Length + k - ((k + day) / day) * day;
        return i >= 0 ? r.History[i] : r.History[^1];
    }

    /// <summary>Writes the features of lead <paramref name="k"/> into <paramref name="into"/>.</summary>
    public static void Write(ForecastRequest r, int k, string[] covariates, Span<float> into)
    {
        var h = r.History;
        var day = r.StepsPerDay;
        var t = r.TargetTime(k);
        var hour = t.UtcDateTime.TimeOfDay.TotalHours;
        var last = h[^1];
        var dayMean = 0.0;
        var n = Math.Min(day, h.Length);
        for (var i = h.Length - n; i < h.Length; i++) dayMean += h[i];
        dayMean /= n;
        var anchor = Anchor(r, k);
        var c = 0;
        into[c++] = k;
        into[c++] = (float)Math.Sin(2 * Math.PI * hour / 24);
        into[c++] = (float)Math.Cos(2 * Math.PI * hour / 24);
        into[c++] = (float)hour;
        into[c++] = (int)t.UtcDateTime.DayOfWeek;
        into[c++] = (float)Math.Sin(2 * Math.PI * t.UtcDateTime.DayOfYear / 365.25);
        into[c++] = (float)Math.Cos(2 * Math.PI * t.UtcDateTime.DayOfYear / 365.25);
        into[c++] = (float)(last - anchor);
        into[c++] = (float)((h.Length >= 2 ? h[^2] : last) - anchor);
        into[c++] = (float)(dayMean - anchor);
        into[c++] = (float)(WeekAgo(r, k) - anchor);
        into[c++] = (float)(DaysAgo(r, k, 2) - anchor);
        into[c++] = (float)(DaysAgo(r, k, 3) - anchor);
        var (min, max) = (double.MaxValue, double.MinValue);
        for (var i = h.Length - n; i < h.Length; i++) { min = Math.Min(min, h[i]); max = Math.Max(max, h[i]); }
        into[c++] = (float)(min - anchor);
        into[c++] = (float)(max - anchor);
        into[c++] = (float)anchor;
        foreach (var name in covariates)
        {
            var now = r.Covariate(name, k);
            var before = r.Covariate(name, k - day);
            into[c++] = (float)now;
            into[c++] = (float)(now - before);
        }
    }

    /// <summary>The value at the same time of day <paramref name="days"/> known days back (before the issue time).</summary>
    private static double DaysAgo(ForecastRequest r, int k, int days)
    {
        var day = r.StepsPerDay;
        var i = r.History.Length + k - ((k + day) / day) * day - (days - 1) * day;
        return i >= 0 ? r.History[i] : Anchor(r, k);
    }

    private static double WeekAgo(ForecastRequest r, int k)
    {
        var week = r.StepsPerDay * 7;
        var i = r.History.Length + k - week;
        return i >= 0 && i < r.History.Length ? r.History[i] : Anchor(r, k);
    }
}
