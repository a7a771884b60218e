using System.Text.Json.Serialization;

namespace Tandem.Server.CarbonAware;

/// <summary>A forecast point as the SDK's forecast endpoints return it (EmissionsDataDTO): start (UTC), length in
/// minutes and value, gCO₂eq/kWh.</summary>
public sealed record ForecastPointDto(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("value")] double Value);

/// <summary>The SDK's EmissionsForecastDTO: when the forecast was made and asked for, the span of data it covers, the
/// rolling window (minutes), the forecast points (averaged over the window) and the optimal ones (lowest average).</summary>
public sealed record EmissionsForecastDto(
    [property: JsonPropertyName("generatedAt")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("dataStartAt")] DateTimeOffset DataStartAt,
    [property: JsonPropertyName("dataEndAt")] DateTimeOffset DataEndAt,
    [property: JsonPropertyName("windowSize")] int WindowSize,
    [property: JsonPropertyName("optimalDataPoints")] IReadOnlyList<ForecastPointDto> OptimalDataPoints,
    [property: JsonPropertyName("forecastData")] IReadOnlyList<ForecastPointDto> ForecastData);
