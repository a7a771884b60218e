namespace Tandem.Forecasting;

/// <summary>Lets <see cref="IForecastModel"/>s serve where an <see cref="IForecaster"/> is asked for (the mpc policy's
/// signal forecasts). Each signal gets its own model from <c>modelFor</c> (null: seasonal naive), refitted at most
/// once a day on the history handed in, which ends at the issue time. A learned model forecasts the first
/// <see cref="LearnedHorizon"/> (trained on issues every six hours, so every hour of the day is an issue time it
/// has seen); later leads, and every lead while the history is shorter than <see cref="MinimumHistoryDays"/> plus the
/// horizon, come from the seasonal naive forecast.</summary>
public sealed class ModelForecaster(string name, Func<SignalKey, IForecastModel?> modelFor) : IForecaster
{
    /// <summary>Leads a learned model forecasts; beyond them the daily profile repeats.</summary>
    public static readonly TimeSpan LearnedHorizon = TimeSpan.FromDays(2);
    /// <summary>Days of history a learned model needs (before its horizon) before it is used.</summary>
    public const int MinimumHistoryDays = 21;
    private readonly Dictionary<SignalKey, (IForecastModel? Model, int FittedAt)> _models = [];
    private readonly SeasonalNaiveModel _naive = new();

    /// <summary>Seasonal naive for every signal.</summary>
    public static ModelForecaster SeasonalNaive() => new("seasonal-naive", _ => null);

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public double[] Forecast(SignalKey signal, ReadOnlySpan<double> history, int horizon, int stepsPerDay)
    {
        if (history.Length == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        if (horizon <= 0) return [];
        var n = history.Length;
        var series = AsSeries(history, horizon, stepsPerDay);
        var naive = _naive.Predict(new ForecastRequest(series, n, horizon));
        if (!_models.TryGetValue(signal, out var entry)) entry = (modelFor(signal), -1);
        var learned = Math.Min(horizon, (int)(LearnedHorizon.Ticks * stepsPerDay / TimeSpan.TicksPerDay));
        if (entry.Model is null || n < MinimumHistoryDays * stepsPerDay + learned) { _models[signal] = entry; return naive; }
        if (entry.FittedAt < 0 || n - entry.FittedAt >= stepsPerDay || n < entry.FittedAt)
        {
            entry.Model.Fit(series, n, learned, Math.Max(1, stepsPerDay / 4));
            entry.FittedAt = n;
        }
        _models[signal] = entry;
        var f = entry.Model.Predict(new ForecastRequest(series, n, learned));
        Array.Copy(f, naive, learned);
        return naive;
    }

    private static ForecastSeries AsSeries(ReadOnlySpan<double> history, int horizon, int stepsPerDay)
    {
        var n = history.Length;
        var step = TimeSpan.FromDays(1) / stepsPerDay;
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var times = new DateTimeOffset[n + horizon];
        for (var i = 0; i < times.Length; i++) times[i] = start + step * i;
        var values = new double[n + horizon];
        history.CopyTo(values);
        Array.Fill(values, double.NaN, n, horizon);
        return new ForecastSeries("signal", times, values, new Dictionary<string, double[]>());
    }
}
