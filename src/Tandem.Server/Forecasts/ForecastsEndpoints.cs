using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Forecasting;
using Tandem.Server.Security;
using Tandem.Signals;
using Tandem.Storage.Keys;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.Forecasts;

/// <summary>GET /forecasts: a stored signal forecast by Tandem's own models, with intervals (any key).</summary>
public static class ForecastsEndpoints
{
    /// <summary>The interval coverages served.</summary>
    public static readonly double[] Levels = [0.5, 0.8, 0.9, 0.95];

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/forecasts", (ZoneForecasts forecasts, [FromQuery] string? zone, [FromQuery] string? kind, [FromQuery] string? model,
            [FromQuery(Name = "horizon_hours")] string? horizonHours, [FromQuery] string? level) =>
        {
            if (string.IsNullOrWhiteSpace(zone)) return Problem("zone", "zone is required");
            var k = SignalKinds.Parse(kind ?? "carbon");
            if (k is null) return Problem("kind", $"'{kind}' is not one of {string.Join(", ", SignalKinds.Names)}");
            var m = model ?? "lightgbm";
            if (ForecastModelCatalog.Create(m) is null) return Problem("model", $"'{m}' is not one of {string.Join(", ", ForecastModelCatalog.Names)}");
            var h = 24;
            if (horizonHours is not null && (!int.TryParse(horizonHours, NumberStyles.None, CultureInfo.InvariantCulture, out h) || h is < 1 or > 168))
                return Problem("horizon_hours", "horizon_hours must be a whole number of hours from 1 to 168");
            // A few coverages only: each distinct request trains the model afresh, so the set is kept small and cached.
            var lv = 0.9;
            if (level is not null && (!double.TryParse(level, NumberStyles.Float, CultureInfo.InvariantCulture, out lv) || !Levels.Contains(lv)))
                return Problem("level", $"level must be one of {string.Join(", ", Levels.Select(l => l.ToString(CultureInfo.InvariantCulture)))}");
            var (answer, field, problem) = forecasts.Forecast(zone, k.Value, m, h, lv);
            if (problem is not null) return Problem(field!, problem);
            return answer is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No data", detail: $"nothing stored for {zone} {k.Value.Name()} before now")
                : (IResult)TypedResults.Ok(answer);
        }).RequireKey(ApiRole.Read, ApiRole.Grid, ApiRole.Tenant).WithSummary("Forecast of a stored signal with intervals, from Tandem's models (zone, kind, model, horizon_hours, level)");
}
