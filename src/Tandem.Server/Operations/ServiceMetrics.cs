using System.Diagnostics.Metrics;

namespace Tandem.Server.Operations;

/// <summary>The service's own instruments (meter "Tandem"), exported with ASP.NET Core's request metrics at /metrics in
/// Prometheus format: signal values stored, forecasts made and how long they took.</summary>
public sealed class ServiceMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Tandem";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Creates the instruments.</summary>
    public ServiceMetrics()
    {
        SignalValuesStored = _meter.CreateCounter<long>("tandem.signal.values_stored", "{value}", "Signal values stored through the API");
        Forecasts = _meter.CreateHistogram<double>("tandem.forecast.duration", "s", "Time to make one carbon-intensity forecast");
    }

    /// <summary>Values stored by POST /signals, by zone and kind.</summary>
    public Counter<long> SignalValuesStored { get; }

    /// <summary>Seconds per forecast, by location.</summary>
    public Histogram<double> Forecasts { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
