namespace Tandem.Forecasting;

/// <summary>The mean daily profile of the last <c>days</c> days, anchored at the latest value: each future value is
/// the mean of the same time of day over those days, plus the gap between the latest value and its own time of day's
/// mean, a gap that fades with the lead (halving every <c>halfLifeSteps</c>). Yesterday alone (seasonal naive) carries
/// one day's weather into every forecast; the mean of several days keeps the daily shape (solar dip, evening peak) and
/// the anchor keeps the level of today.</summary>
public sealed class DailyProfileModel(int days = 7, double halfLifeSteps = 6) : IForecastModel
{
    /// <inheritdoc />
    public string Name => halfLifeSteps == 6 ? $"daily-profile-{days}d" : $"daily-profile-{days}d-half-life-{halfLifeSteps:0.#}";

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) { }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        var h = r.History;
        var perDay = Math.Max(1, r.StepsPerDay);
        var result = new double[r.Horizon];
        if (h.Length == 0) return result;
        var n = h.Length;
        var gap = h[n - 1] - Profile(h, n - 1 + perDay, perDay); // the latest value against the same profile
        var fade = Math.Pow(0.5, 1 / Math.Max(1e-9, halfLifeSteps));
        for (var k = 0; k < r.Horizon; k++) result[k] = Profile(h, n + k, perDay) + gap * Math.Pow(fade, k + 1);
        return result;
    }

    /// <summary>Mean at the time of day of index i (which may lie in the future) over the last <c>days</c> whole days
    /// before the history's end.</summary>
    private double Profile(ReadOnlySpan<double> h, int i, int perDay)
    {
        var n = h.Length;
        var back = i - perDay;
        while (back >= n) back -= perDay; // the latest known value at that time of day
        double sum = 0;
        var count = 0;
        for (var d = 0; d < days && back - d * perDay >= 0; d++)
        {
            sum += h[back - d * perDay];
            count++;
        }
        return count == 0 ? h[n - 1] : sum / count;
    }
}
