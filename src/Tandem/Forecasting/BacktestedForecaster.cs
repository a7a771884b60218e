using Tandem.Signals;

namespace Tandem.Forecasting;

/// <summary>Chooses, for each signal of each zone, the candidate model that forecast it best on its own recent history:
/// once a day it backtests every candidate on the last <see cref="BacktestDays"/> days (an issue every six hours,
/// leads up to two days, scored by mean absolute error) and forecasts with the winner until the next day. The backtest
/// reads only the history it is handed, which ends at the issue time, so the choice cannot see the future. Without
/// enough history it falls back to seasonal naive. With <see cref="UsePublished"/>, where the scenario publishes a
/// forecast of the signal (known_ahead with forecast_of), each candidate is also scored with the published values laid
/// over it wherever they were published by the backtest's issue time, and the overlay is kept if it scores better
/// (off by default: on training-ciso-dacf the overlay won the backtest yet mpc saved less with it; docs/benchmarks.md).</summary>
public sealed class BacktestedForecaster : IForecaster
{
    /// <summary>Days of history each daily backtest scores.</summary>
    public const int BacktestDays = 14;
    private readonly Func<IForecastModel>[] _candidates;
    private readonly Dictionary<SignalKey, (IForecastModel Model, bool Published, int ChosenAt)> _chosen = [];

    /// <summary>A forecaster over the given candidates (default, seven: seasonal naive daily and weekly, the daily
    /// profile of the last 3 and 7 days with a 6-step half-life and of 7 days with a 24-step one, persistence, and the
    /// mean of seasonal naive and the two 6-step profiles).</summary>
    public BacktestedForecaster(params Func<IForecastModel>[] candidates)
    {
        _candidates = candidates.Length > 0 ? candidates :
        [
            () => new SeasonalNaiveModel(1), () => new SeasonalNaiveModel(7), () => new DailyProfileModel(3),
            () => new DailyProfileModel(7), () => new PersistenceModel(),
            () => new EnsembleModel("mean(seasonal-naive, daily-profile-7d, daily-profile-3d)", new SeasonalNaiveModel(1), new DailyProfileModel(7), new DailyProfileModel(3)),
            () => new DailyProfileModel(7, halfLifeSteps: 24),
        ];
    }

    /// <inheritdoc />
    public string Name => UsePublished ? "backtest-selected (published forecasts tried)" : "backtest-selected";

    /// <summary>Whether published forecasts of a signal are tried as an overlay on each candidate.</summary>
    public bool UsePublished { get; init; }

    /// <summary>The model chosen for a signal so far, or null before its first forecast.</summary>
    public string? ChosenFor(SignalKey signal) => _chosen.TryGetValue(signal, out var c) ? (c.Published ? "published, else " : "") + c.Model.Name : null;

    /// <inheritdoc />
    /// <remarks>Its candidates are univariate: known-ahead covariates are not used; a published forecast of the signal
    /// is (see the class summary).</remarks>
    public double[] Forecast(SignalKey signal, SignalSeries history, int horizon, int stepsPerDay, IReadOnlyDictionary<string, PublishedForecast>? knownAhead = null,
        PublishedForecast? published = null)
    {
        if (history.Values.Count == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        if (horizon <= 0) return [];
        var n = history.Values.Count;
        var series = ModelForecaster.AsSeries(history, horizon);
        if (!UsePublished) published = null;
        if (published is not null && published.Values.Length != n + horizon)
            throw new ArgumentException($"The published forecast has {published.Values.Length} values for {n + horizon} steps.", nameof(published));
        if (!_chosen.TryGetValue(signal, out var chosen) || n - chosen.ChosenAt >= stepsPerDay || n < chosen.ChosenAt)
        {
            var (model, overlay) = Choose(series, n, stepsPerDay, published);
            _chosen[signal] = chosen = (model, overlay, n);
        }
        var f = chosen.Model.Predict(new ForecastRequest(series, n, horizon));
        if (chosen.Published && published is not null) Overlay(f, series, n, published);
        return f;
    }

    /// <summary>Lays the published values over a forecast issued at index <paramref name="issue"/>, wherever they were
    /// published by the issue time (the start of the step before <paramref name="issue"/>, the last one known).</summary>
    private static void Overlay(double[] f, ForecastSeries series, int issue, PublishedForecast published)
    {
        var issueTime = series.Times[issue - 1];
        for (var k = 0; k < f.Length && issue + k < published.Values.Length; k++)
        {
            var v = published.Values[issue + k];
            if (double.IsFinite(v) && published.IssuedAt[issue + k] <= issueTime) f[k] = v;
        }
    }

    private (IForecastModel Model, bool Published) Choose(ForecastSeries series, int n, int perDay, PublishedForecast? published)
    {
        var lead = 2 * perDay;
        var first = n - BacktestDays * perDay;
        // Each candidate needs a week of history before its first scored issue.
        if (first - 7 * perDay < 1 || n - lead <= first) return (new SeasonalNaiveModel(1), published is not null);
        var every = Math.Max(1, perDay / 4);
        (IForecastModel? Model, bool Published) best = (null, false);
        var bestError = double.PositiveInfinity;
        foreach (var make in _candidates)
        {
            var model = make();
            model.Fit(series, first, lead, every);
            foreach (var overlay in published is null ? [false] : new[] { false, true })
            {
                double error = 0;
                var count = 0;
                for (var issue = first; issue + lead <= n; issue += every)
                {
                    var f = model.Predict(new ForecastRequest(series, issue, lead));
                    if (overlay) Overlay(f, series, issue, published!);
                    for (var k = 0; k < lead; k++) { error += Math.Abs(f[k] - series.Values[issue + k]); count++; }
                }
                if (count > 0 && error / count < bestError - 1e-12) { bestError = error / count; best = (model, overlay); }
            }
        }
        return best.Model is null ? (new SeasonalNaiveModel(1), false) : (best.Model, best.Published);
    }
}
