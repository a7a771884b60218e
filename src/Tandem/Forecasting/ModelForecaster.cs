using Tandem.Signals;

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
    /// <remarks>A published forecast reaches the models as one more covariate (its values), not as the answer.</remarks>
    public double[] Forecast(SignalKey signal, SignalSeries history, int horizon, int stepsPerDay, IReadOnlyDictionary<string, PublishedForecast>? knownAhead = null,
        PublishedForecast? published = null)
    {
        if (history.Values.Count == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        if (horizon <= 0) return [];
        var n = history.Values.Count;
        var series = AsSeries(history, horizon, knownAhead);
        var naive = _naive.Predict(new ForecastRequest(series, n, horizon));
        if (!_models.TryGetValue(signal, out var entry)) entry = (modelFor(signal), -1);
        var learned = Math.Min(horizon, (int)(LearnedHorizon.Ticks * stepsPerDay / TimeSpan.TicksPerDay));
        if (entry.Model is null || n < MinimumHistoryDays * stepsPerDay + learned) { _models[signal] = entry; return naive; }
        if (entry.FittedAt < 0 || n - entry.FittedAt >= stepsPerDay || n < entry.FittedAt)
        {
            try { entry.Model.Fit(series, n, learned, Math.Max(1, stepsPerDay / 4)); }
            catch (ForecastModelException)
            {
                // The model cannot learn this signal (too little variety, say): seasonal naive serves it from now on.
                _models[signal] = (null, n);
                return naive;
            }
            entry.FittedAt = n;
        }
        _models[signal] = entry;
        var f = entry.Model.Predict(new ForecastRequest(series, n, learned));
        Array.Copy(f, naive, learned);
        return naive;
    }

    /// <summary>The history with its own time stamps, followed by <paramref name="horizon"/> empty steps to forecast,
    /// with the known-ahead covariates (each spanning history and horizon).</summary>
    internal static ForecastSeries AsSeries(SignalSeries history, int horizon, IReadOnlyDictionary<string, PublishedForecast>? knownAhead = null)
    {
        var grid = history.Grid;
        var n = grid.Count;
        var times = new DateTimeOffset[n + horizon];
        for (var i = 0; i < times.Length; i++) times[i] = grid.TimeAt(i);
        var values = new double[n + horizon];
        history.Values.Values.CopyTo(values);
        Array.Fill(values, double.NaN, n, horizon);
        var covariates = new Dictionary<string, double[]>();
        var issued = new Dictionary<string, DateTimeOffset[]>();
        foreach (var (name, v) in knownAhead ?? new Dictionary<string, PublishedForecast>())
        {
            if (v.Values.Length != times.Length || v.IssuedAt.Length != times.Length)
                throw new ArgumentException($"Known-ahead series '{name}' has {v.Values.Length} values for {times.Length} steps.", nameof(knownAhead));
            covariates[name] = v.Values;
            issued[name] = v.IssuedAt;
        }
        return new ForecastSeries(history.Kind.Name(), times, values, covariates) { CovariateIssuedAt = issued };
    }
}
