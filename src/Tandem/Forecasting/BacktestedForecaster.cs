using Tandem.Signals;

namespace Tandem.Forecasting;

/// <summary>Chooses, for each signal of each zone, the candidate model that forecast it best on its own recent history:
/// once a day it backtests every candidate on the last <see cref="BacktestDays"/> days (an issue every six hours,
/// leads up to two days, scored by mean absolute error) and forecasts with the winner until the next day. The backtest
/// reads only the history it is handed, which ends at the issue time, so the choice cannot see the future. Without
/// enough history it falls back to seasonal naive.</summary>
public sealed class BacktestedForecaster : IForecaster
{
    /// <summary>Days of history each daily backtest scores.</summary>
    public const int BacktestDays = 14;
    private readonly Func<IForecastModel>[] _candidates;
    private readonly Dictionary<SignalKey, (IForecastModel Model, int ChosenAt)> _chosen = [];

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
    public string Name => "backtest-selected";

    /// <summary>The model chosen for a signal so far, or null before its first forecast.</summary>
    public string? ChosenFor(SignalKey signal) => _chosen.TryGetValue(signal, out var c) ? c.Model.Name : null;

    /// <inheritdoc />
    /// <remarks>Its candidates are univariate: known-ahead series are not used.</remarks>
    public double[] Forecast(SignalKey signal, SignalSeries history, int horizon, int stepsPerDay, IReadOnlyDictionary<string, double[]>? knownAhead = null)
    {
        if (history.Values.Count == 0) throw new ArgumentException("A forecast needs at least one known value.", nameof(history));
        if (horizon <= 0) return [];
        var n = history.Values.Count;
        var series = ModelForecaster.AsSeries(history, horizon);
        if (!_chosen.TryGetValue(signal, out var chosen) || n - chosen.ChosenAt >= stepsPerDay || n < chosen.ChosenAt)
            _chosen[signal] = chosen = (Choose(series, n, stepsPerDay), n);
        return chosen.Model.Predict(new ForecastRequest(series, n, horizon));
    }

    private IForecastModel Choose(ForecastSeries series, int n, int perDay)
    {
        var lead = 2 * perDay;
        var first = n - BacktestDays * perDay;
        // Each candidate needs a week of history before its first scored issue.
        if (first - 7 * perDay < 1 || n - lead <= first) return new SeasonalNaiveModel(1);
        var every = Math.Max(1, perDay / 4);
        IForecastModel? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var make in _candidates)
        {
            var model = make();
            model.Fit(series, first, lead, every);
            double error = 0;
            var count = 0;
            for (var issue = first; issue + lead <= n; issue += every)
            {
                var f = model.Predict(new ForecastRequest(series, issue, lead));
                for (var k = 0; k < lead; k++) { error += Math.Abs(f[k] - series.Values[issue + k]); count++; }
            }
            if (count > 0 && error / count < bestError - 1e-12) { bestError = error / count; best = model; }
        }
        return best ?? new SeasonalNaiveModel(1);
    }
}
