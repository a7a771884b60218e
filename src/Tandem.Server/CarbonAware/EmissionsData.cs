using System.Text.Json.Serialization;

namespace Tandem.Server.CarbonAware;

/// <summary>One carbon-intensity value as the Carbon Aware SDK's WebAPI (v1.8) returns it from its emissions
/// endpoints: the location asked for, the start of the interval (UTC), its rating in gCO₂eq/kWh and its length
/// (serialised as a .NET TimeSpan, "01:00:00").</summary>
public sealed record EmissionsData(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("rating")] double Rating,
    [property: JsonPropertyName("duration")] TimeSpan Duration);

/// <summary>The SDK's answer to an average-carbon-intensity query: the location, the period asked for (UTC) and the
/// time-weighted mean rating over it, gCO₂eq/kWh.</summary>
public sealed record CarbonIntensity(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("startTime")] DateTimeOffset StartTime,
    [property: JsonPropertyName("endTime")] DateTimeOffset EndTime,
    [property: JsonPropertyName("carbonIntensity")] double Value);

/// <summary>A location as the SDK's `/locations` lists it; Tandem's locations are the grid zones it holds carbon
/// intensity for, with a position where one is known.</summary>
public sealed record LocationInfo(
    [property: JsonPropertyName("latitude")] decimal? Latitude,
    [property: JsonPropertyName("longitude")] decimal? Longitude,
    [property: JsonPropertyName("name")] string Name);
