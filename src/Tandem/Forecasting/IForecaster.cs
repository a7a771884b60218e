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
    /// <paramref name="stepsPerDay"/> gives the daily season.</summary>
    double[] Forecast(SignalKey signal, SignalSeries history, int horizon, int stepsPerDay);
}
