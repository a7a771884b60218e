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
            var (start, startProblem) = Time(startTime, "startTime");
            var (end, endProblem) = Time(endTime, "endTime");
            if ((startProblem ?? endProblem) is { } p) return p;
            if (start is null) return Problem("startTime", "startTime is required");
            if (end is null) return Problem("endTime", "endTime is required");
            if (end <= start) return Problem("endTime", "endTime must be after startTime");
            var (value, problem) = query.Average(l[0], start.Value, end.Value);
            return value is { } v ? TypedResults.Ok(new CarbonIntensity(l[0], start.Value.ToUniversalTime(), end.Value.ToUniversalTime(), v)) : Problem("location", problem!);
        });
        app.MapPost("/emissions/average-carbon-intensity/batch", (List<AverageRequest>? requests, EmissionsQuery query) =>
        {
            if (requests is null) return Problem("body", "a JSON array of {location, startTime, endTime} is required");
            var answers = new List<CarbonIntensity>();
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                if (string.IsNullOrWhiteSpace(r.Location)) return Problem($"[{i}].location", "location is required");
                if (r.StartTime is null) return Problem($"[{i}].startTime", "startTime is required");
                if (r.EndTime is null) return Problem($"[{i}].endTime", "endTime is required");
                if (r.EndTime <= r.StartTime) return Problem($"[{i}].endTime", "endTime must be after startTime");
                var (value, problem) = query.Average(r.Location.Trim(), r.StartTime.Value, r.EndTime.Value);
                if (value is null) return Problem($"[{i}].location", problem!);
                answers.Add(new CarbonIntensity(r.Location.Trim(), r.StartTime.Value.ToUniversalTime(), r.EndTime.Value.ToUniversalTime(), value.Value));
            }
            return TypedResults.Ok(answers);
        });
        app.MapGet("/emissions/forecasts/current", ([FromQuery] string?[]? location, [FromQuery] string? dataStartAt, [FromQuery] string? dataEndAt, [FromQuery] string? windowSize,
            CarbonAwareForecasts forecasts, TimeProvider clock) =>
        {
            if (Locations(location, single: false) is not { } locations) return MissingLocation();
            var (start, startProblem) = Time(dataStartAt, "dataStartAt");
            var (end, endProblem) = Time(dataEndAt, "dataEndAt");
            if ((startProblem ?? endProblem) is { } p) return p;
            var window = 0;
            if (!string.IsNullOrEmpty(windowSize) && !(int.TryParse(windowSize, NumberStyles.Integer, CultureInfo.InvariantCulture, out window) && window >= 0))
                return Problem("windowSize", $"'{windowSize}' is not a whole number of minutes, 0 or more");
            var now = clock.GetUtcNow();
            var answers = new List<EmissionsForecastDto>();
            foreach (var zone in locations)
            {
                if (forecasts.Forecast(zone, now) is not { Count: > 0 } points) return Problem("location", $"no carbon intensity is stored for {zone} before {now:O}");
                var (answer, field, problem) = CarbonAwareForecasts.Shape(zone, points, now, now, start, end, window);
                if (answer is null) return Problem(field!, problem!);
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
                var location = r.Location.Trim();
                // A forecast as it would have been issued at requestedAt: only history before it is read.
                if (forecasts.Forecast(location, r.RequestedAt.Value) is not { Count: > 0 } points)
                    return Problem($"[{i}].location", $"no carbon intensity is stored for {location} before {r.RequestedAt.Value:O}");
                var (answer, field, problem) = CarbonAwareForecasts.Shape(location, points, r.RequestedAt.Value, r.RequestedAt.Value, r.DataStartAt, r.DataEndAt, r.WindowSize ?? 0);
                if (answer is null) return Problem($"[{i}].{field}", problem!);
                answers.Add(answer);
            }
            return TypedResults.Ok(answers);
        });
        app.MapGet("/locations", (EmissionsQuery query) =>
        {
            var zones = query.Zones();
            return zones.Count == 0 ? (IResult)TypedResults.NoContent() : TypedResults.Ok(zones.ToDictionary(z => z, z => new LocationInfo(null, null, z)));
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
        var (start, startProblem) = Time(time, "time");
        var (end, endProblem) = Time(toTime, "toTime");
        if ((startProblem ?? endProblem) is { } p) return p;
        if (end is not null && start is null) return Problem("time", "time is required when toTime is given");
        if (end <= start) return Problem("toTime", "toTime must be after time");
        return answer(start, end);
    }

    private static (DateTimeOffset? Value, IResult? Problem) Time(string? text, string name)
    {
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? (t, null)
            : (null, Problem(name, $"'{text}' is not a date and time (ISO 8601, e.g. 2023-05-08T12:00:00Z)"));
    }
}
