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
        PlanningTime = _meter.CreateHistogram<double>("tandem.plan.duration", "s", "Time the live loop's policy took to decide one step");
        SiteEmissions = _meter.CreateCounter<double>("tandem.site.emissions", "kg", "Grid emissions of each site in the live loop, kg CO2e");
        _meter.CreateObservableGauge("tandem.jobs", () => Live?.Invoke() is { } v
            ? v.Jobs.GroupBy(j => j.Status).Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("state", g.Key)))
            : [], "{job}", "Jobs in the live plan by state (pending, running, paused; done for the service's own jobs)");
        _meter.CreateObservableGauge("tandem.site.power", () => Live?.Invoke() is { } v
            ? v.Sites.Select(s => new Measurement<double>(s.FacilityKw, new KeyValuePair<string, object?>("site", s.Id)))
            : [], "kW", "Facility power of each site in the live loop's last step");
    }

    /// <summary>The live loop's latest view, when the service runs one.</summary>
    public Func<Live.LiveView?>? Live { get; set; }

    /// <summary>Seconds per live step's decision.</summary>
    public Histogram<double> PlanningTime { get; }

    /// <summary>Grid emissions per site, kg CO2e.</summary>
    public Counter<double> SiteEmissions { get; }

    /// <summary>Values stored by POST /signals, by zone and kind.</summary>
    public Counter<long> SignalValuesStored { get; }

    /// <summary>Seconds per forecast, by location.</summary>
    public Histogram<double> Forecasts { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
