using Tandem.Time;

namespace Tandem.Signals;

/// <summary>Where signals come from: the files a scenario names, or the signal store. A zone is a grid zone
/// (e.g. US-CAL-CISO), a site id (on-site output, temperature) or an inference region.</summary>
public interface ISignalSource
{
    /// <summary>The values of <paramref name="kind"/> for <paramref name="zone"/> on the source's grid, trimmed to the
    /// steps that start inside <paramref name="range"/>; null when the source has no such series or no step in range.</summary>
    SignalSeries? Read(string zone, SignalKind kind, Interval range);

    /// <summary>Every series the source holds: zone, kind and the span it covers.</summary>
    IReadOnlyList<SignalCatalogEntry> Catalog();

    /// <summary>The series published ahead of time for <paramref name="zone"/> (day-ahead forecasts), whole: only a
    /// <see cref="SignalView"/> decides what of them is known at an instant. None by default.</summary>
    IReadOnlyList<KnownAhead> KnownAhead(string zone) => [];
}
