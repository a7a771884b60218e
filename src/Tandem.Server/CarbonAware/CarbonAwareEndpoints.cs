using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using System.Text.Json.Serialization;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.CarbonAware;

/// <summary>The Green Software Foundation Carbon Aware SDK's WebAPI (v1.8) routes, query parameters and response shapes
/// (learnt from its source: CarbonAwareController, LocationsController and the GSF.CarbonAware models), answered from
/// Tandem's store, so a client of the SDK can point at Tandem unchanged. Bad input is a 400 problem details naming the
/// parameter; a query with no data is 204, as in the SDK.</summary>
public static class CarbonAwareEndpoints
{
    /// <summary>Maps the routes onto <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/emissions/bylocation", ([FromQuery] string? location, [FromQuery] string? time, [FromQuery] string? toTime, EmissionsQuery query) =>
            WithRange(time, toTime, (start, end) => Locations([location], single: true) is { } l ? Points(query.Points(l, start, end)) : MissingLocation()))
            .WithSummary("Carbon intensity of one location over a time range (Carbon Aware SDK)");
        app.MapGet("/emissions/bylocations", ([FromQuery] string?[]? location, [FromQuery] string? time, [FromQuery] string? toTime, EmissionsQuery query) =>
            WithRange(time, toTime, (start, end) => Locations(location, single: false) is { } l ? Points(query.Points(l, start, end)) : MissingLocation()))
            .WithSummary("Carbon intensity of several locations over a time range (Carbon Aware SDK)");
        app.MapGet("/emissions/bylocations/best", ([FromQuery] string?[]? location, [FromQuery] string? time, [FromQuery] string? toTime, EmissionsQuery query) =>
            WithRange(time, toTime, (start, end) => Locations(location, single: false) is { } l ? Points(query.Best(l, start, end)) : MissingLocation()))
            .WithSummary("The lowest-intensity points among several locations over a time range (Carbon Aware SDK)");
        app.MapGet("/emissions/average-carbon-intensity", ([FromQuery] string? location, [FromQuery] string? startTime, [FromQuery] string? endTime, EmissionsQuery query) =>
        {
            if (Locations([location], single: true) is not { } l) return MissingLocation();
            var (start, startProblem) = TimeParameter(startTime, "startTime");
            var (end, endProblem) = TimeParameter(endTime, "endTime");
            if ((startProblem ?? endProblem) is { } p) return p;
            var (answer, problem) = Average(query, l[0], start, end, "");
            return answer is not null ? TypedResults.Ok(answer) : problem!;
        });
        app.MapPost("/emissions/average-carbon-intensity/batch", (List<AverageRequest>? requests, EmissionsQuery query) =>
        {
            if (requests is null) return Problem("body", "a JSON array of {location, startTime, endTime} is required");
            var answers = new List<CarbonIntensity>();
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                var (answer, problem) = Average(query, r.Location, r.StartTime, r.EndTime, $"[{i}].");
                if (answer is null) return problem!;
                answers.Add(answer);
            }
            return TypedResults.Ok(answers);
        });
        app.MapGet("/emissions/forecasts/current", ([FromQuery] string?[]? location, [FromQuery] string? dataStartAt, [FromQuery] string? dataEndAt, [FromQuery] string? windowSize,
            CarbonAwareForecasts forecasts, TimeProvider clock) =>
        {
            if (Locations(location, single: false) is not { } locations) return MissingLocation();
            var (start, startProblem) = TimeParameter(dataStartAt, "dataStartAt");
            var (end, endProblem) = TimeParameter(dataEndAt, "dataEndAt");
            if ((startProblem ?? endProblem) is { } p) return p;
            var window = 0;
            if (!string.IsNullOrEmpty(windowSize) && !(int.TryParse(windowSize, NumberStyles.Integer, CultureInfo.InvariantCulture, out window) && window >= 0))
                return Problem("windowSize", $"'{windowSize}' is not a whole number of minutes, 0 or more");
            var now = clock.GetUtcNow();
            var answers = new List<EmissionsForecastDto>();
            foreach (var zone in locations)
            {
                var (answer, problem) = Forecast(forecasts, zone, now, start, end, window, "");
                if (answer is null) return problem!;
                answers.Add(answer);
            }
            return TypedResults.Ok(answers);
        });
        app.MapPost("/emissions/forecasts/batch", (List<ForecastRequest>? requests, CarbonAwareForecasts forecasts, TimeProvider clock) =>
        {
            if (requests is null) return Problem("body", "a JSON array of {location, requestedAt, dataStartAt, dataEndAt, windowSize} is required");
            var answers = new List<EmissionsForecastDto>();
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                if (string.IsNullOrWhiteSpace(r.Location)) return Problem($"[{i}].location", "location is required");
                if (r.RequestedAt is null) return Problem($"[{i}].requestedAt", "requestedAt is required");
                if (r.WindowSize is < 0) return Problem($"[{i}].windowSize", "windowSize must be 0 or more minutes");
                // A forecast as it would have been issued at requestedAt: only history before it is read.
                var (answer, problem) = Forecast(forecasts, r.Location.Trim(), r.RequestedAt.Value, r.DataStartAt, r.DataEndAt, r.WindowSize ?? 0, $"[{i}].");
                if (answer is null) return problem!;
                answers.Add(answer);
            }
            return TypedResults.Ok(answers);
        });
        app.MapGet("/locations", (EmissionsQuery query) =>
        {
            // Every stored zone (with its position where known), and every cloud region that maps to one of them.
            var zones = query.Zones();
            if (zones.Count == 0) return (IResult)TypedResults.NoContent();
            var stored = zones.ToHashSet(StringComparer.Ordinal);
            var list = zones.ToDictionary(z => z, z => LocationResolver.BuiltIn.PositionOf(z) is { } p
                ? new LocationInfo((decimal)p.Latitude, (decimal)p.Longitude, z) : new LocationInfo(null, null, z));
            foreach (var place in LocationResolver.BuiltIn.Places.Where(p => p.Provider != "zone"))
                if (LocationResolver.BuiltIn.Resolve(place.Name, stored) is { } zone && !list.ContainsKey(place.Name))
                    list[place.Name] = new LocationInfo((decimal)place.Latitude, (decimal)place.Longitude, $"{place.Name} ({place.Provider}) → {zone}");
            return TypedResults.Ok(list);
        });
    }

    /// <summary>One item of `POST /emissions/average-carbon-intensity/batch`.</summary>
    public sealed record AverageRequest(
        [property: JsonPropertyName("location")] string? Location,
        [property: JsonPropertyName("startTime")] DateTimeOffset? StartTime,
        [property: JsonPropertyName("endTime")] DateTimeOffset? EndTime);

    /// <summary>One item of `POST /emissions/forecasts/batch`.</summary>
    public sealed record ForecastRequest(
        [property: JsonPropertyName("location")] string? Location,
        [property: JsonPropertyName("requestedAt")] DateTimeOffset? RequestedAt,
        [property: JsonPropertyName("dataStartAt")] DateTimeOffset? DataStartAt,
        [property: JsonPropertyName("dataEndAt")] DateTimeOffset? DataEndAt,
        [property: JsonPropertyName("windowSize")] int? WindowSize);

    /// <summary>The average over [start, end) at <paramref name="location"/>, or the problem naming its field (after
    /// <paramref name="prefix"/>, "[i]." for an item of a batch).</summary>
    private static (CarbonIntensity? Answer, IResult? Problem) Average(EmissionsQuery query, string? location, DateTimeOffset? start, DateTimeOffset? end, string prefix)
    {
        if (string.IsNullOrWhiteSpace(location)) return (null, Problem($"{prefix}location", "location is required"));
        if (start is null) return (null, Problem($"{prefix}startTime", "startTime is required"));
        if (end is null) return (null, Problem($"{prefix}endTime", "endTime is required"));
        if (end <= start) return (null, Problem($"{prefix}endTime", "endTime must be after startTime"));
        var (value, problem) = query.Average(location.Trim(), start.Value, end.Value);
        return value is { } v ? (new CarbonIntensity(location.Trim(), start.Value.ToUniversalTime(), end.Value.ToUniversalTime(), v), null)
            : (null, Problem($"{prefix}location", problem!));
    }

    /// <summary>The forecast issued at <paramref name="issuedAt"/> for <paramref name="location"/>, in the SDK's shape,
    /// or the problem naming its field (after <paramref name="prefix"/>).</summary>
    private static (EmissionsForecastDto? Answer, IResult? Problem) Forecast(CarbonAwareForecasts forecasts, string location, DateTimeOffset issuedAt,
        DateTimeOffset? start, DateTimeOffset? end, int window, string prefix)
    {
        if (forecasts.Forecast(location, issuedAt) is not { Count: > 0 } points)
            return (null, Problem($"{prefix}location", $"no carbon intensity is stored for {location} before {issuedAt:O}"));
        var (answer, field, problem) = CarbonAwareForecasts.Shape(location, points, issuedAt, issuedAt, start, end, window);
        return answer is not null ? (answer, null) : (null, Problem($"{prefix}{field}", problem!));
    }

    private static IResult Points(List<EmissionsData> points) => points.Count == 0 ? TypedResults.NoContent() : TypedResults.Ok(points);

    private static IResult MissingLocation() => Problem("location", "location is required");

    /// <summary>The `location` values (repeated for several), or null if none is given or one is blank.</summary>
    private static string[]? Locations(string?[]? values, bool single)
    {
        if (values is null || values.Length == 0 || values.Any(string.IsNullOrWhiteSpace)) return null;
        return single ? [values[0]!.Trim()] : values.Select(v => v!.Trim()).Distinct().ToArray();
    }

    /// <summary>`time` and `toTime`: toTime needs time and must come after it.</summary>
    private static IResult WithRange(string? time, string? toTime, Func<DateTimeOffset?, DateTimeOffset?, IResult> answer)
    {
        var (start, startProblem) = TimeParameter(time, "time");
        var (end, endProblem) = TimeParameter(toTime, "toTime");
        if ((startProblem ?? endProblem) is { } p) return p;
        if (end is not null && start is null) return Problem("time", "time is required when toTime is given");
        if (end <= start) return Problem("toTime", "toTime must be after time");
        return answer(start, end);
    }

}
