using Tandem.Signals;

namespace Tandem.Forecasting;

/// <summary>Forecasts a series from its history. The history ends at the issue time: a forecaster is never handed a
/// value from after it, so it cannot see the future by construction.</summary>
public interface IForecaster
{
    /// <summary>Name, e.g. seasonal-naive.</summary>
    string Name { get; }

    /// <summary>The next <paramref name="horizon"/> values of <paramref name="signal"/> after the last one in
    /// <paramref name="history"/>, a time-stamped series on a fixed grid (so calendar features see real dates).
    /// <paramref name="stepsPerDay"/> gives the daily season. <paramref name="knownAhead"/> holds series published
    /// ahead of time (day-ahead forecasts), by name, over the history and the horizon, NaN where not yet published;
    /// a forecaster may use them or not. <paramref name="published"/> is a published forecast of this signal on the same
    /// span, where the scenario has one (known_ahead with forecast_of).</summary>
    double[] Forecast(SignalKey signal, SignalSeries history, int horizon, int stepsPerDay, IReadOnlyDictionary<string, PublishedForecast>? knownAhead = null,
        PublishedForecast? published = null);
}
