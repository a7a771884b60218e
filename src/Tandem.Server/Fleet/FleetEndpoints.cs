using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Fleet;
using Tandem.Server.Live;
using Tandem.Server.Security;
using Tandem.Storage;
using Tandem.Storage.Keys;
using Tandem.Storage.Live;

using static Tandem.Server.Hosting.Problems;
using static Tandem.Server.Live.LiveEndpoints;

namespace Tandem.Server.Fleet;

/// <summary>The fleet over HTTP: read keys list it; admin keys register and change sites, GPU pools, batteries, plants
/// and tariffs while the live loop runs. An edit holds from the loop's next step; it is checked against the fleet as it
/// is at that moment (400 naming the field for a bad value, 404 for an unknown site, 409 naming the field when the fleet
/// cannot take it now, such as a pool shrunk below the GPUs its jobs hold), recorded, and replayed on restart.</summary>
public static class FleetEndpoints
{
    /// <summary>A site of the fleet as listed: its pools, PUE, plants, battery, grid connection and zone.</summary>
    public sealed record SiteJson(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("zone")] string Zone,
        [property: JsonPropertyName("time_zone")] string TimeZone,
        [property: JsonPropertyName("grid_limit_kw")] double GridLimitKw,
        [property: JsonPropertyName("pue")] FleetJson.PueBody Pue,
        [property: JsonPropertyName("pools")] IReadOnlyList<PoolJson> Pools,
        [property: JsonPropertyName("solar_kw")] double? SolarKw,
        [property: JsonPropertyName("wind_kw")] double? WindKw,
        [property: JsonPropertyName("battery_kwh")] double? BatteryKwh,
        [property: JsonPropertyName("battery_kw")] double? BatteryKw,
        [property: JsonPropertyName("battery_round_trip_efficiency")] double? BatteryEfficiency);

    /// <summary>A GPU pool: its GPUs, model, idle draw and the power levels of its curve (watts per GPU at each level).</summary>
    public sealed record PoolJson(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("gpu_model")] string GpuModel,
        [property: JsonPropertyName("gpus")] int Gpus,
        [property: JsonPropertyName("idle_w")] double IdleWatts,
        [property: JsonPropertyName("level_watts")] IReadOnlyList<double> LevelWatts);

    /// <summary>An edit as answered and listed: its sequence number, kind, site, the step it holds from and when that
    /// is, and the request that made it.</summary>
    public sealed record EditJson(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("site")] string Site,
        [property: JsonPropertyName("step")] int Step,
        [property: JsonPropertyName("holds_from")] DateTimeOffset HoldsFrom,
        [property: JsonPropertyName("request")] JsonElement Request,
        [property: JsonPropertyName("made")] DateTimeOffset? Made = null);

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var read = new[] { ApiRole.Read, ApiRole.Grid };
        app.MapGet("/fleet", (LiveService live) => Running(live) ?? TypedResults.Ok(live.Coordinator!.Scenario.Sites.Select(Json).ToList()))
            .RequireKey(read).WithSummary("The fleet as it stands: sites, GPU pools, PUE, on-site plants and batteries");

        app.MapGet("/fleet/edits", (LiveService live, LiveStore store) =>
        {
            if (Running(live) is { } none) return none;
            var grid = live.Coordinator!.Scenario.Grid;
            return (IResult)TypedResults.Ok(store.FleetEdits(live.Coordinator.Run)
                .Select(e => new EditJson(e.Seq, e.Kind, e.Site, e.Step, grid.TimeAt(e.Step), JsonSerializer.Deserialize<JsonElement>(e.BodyJson), e.Made)).ToList());
        }).RequireKey(read).WithSummary("Operators' fleet edits, in order, each with the step it holds from");

        app.MapPost("/fleet/sites", (HttpContext http, LiveService live) =>
            Edit(http, live, FleetJson.Register, (FleetJson.SiteBody b) => (b, b.Id?.Trim() ?? "")))
            .Write<FleetJson.SiteBody>(StatusCodes.Status201Created, "Register a site (admin); it draws the grid signals of its grid_zone and holds from the next step");

        app.MapMethods("/fleet/sites/{site}", ["PATCH"], (HttpContext http, LiveService live, string site) =>
            Edit(http, live, FleetJson.Update, (FleetJson.SitePatch b) => (b, site)))
            .Write<FleetJson.SitePatch>(StatusCodes.Status200OK, "Change a site's name, grid limit or PUE (admin), from the next step");

        app.MapPut("/fleet/sites/{site}/pools/{pool}", (HttpContext http, LiveService live, string site, string pool) =>
            Edit(http, live, FleetJson.Pool, (FleetJson.PoolBody b) => (b with { Id = pool }, site)))
            .Write<FleetJson.PoolBody>(StatusCodes.Status200OK, "Register a GPU pool at a site, or change one's GPUs and draw (admin), from the next step");

        app.MapPut("/fleet/sites/{site}/battery", (HttpContext http, LiveService live, string site) =>
            Edit(http, live, FleetJson.BatteryKind, (FleetJson.BatteryBody b) => (b, site)))
            .Write<FleetJson.BatteryBody>(StatusCodes.Status200OK, "Install or change a site's battery (admin), from the next step");

        app.MapPut("/fleet/sites/{site}/plants/{kind}", (HttpContext http, LiveService live, string site, string kind) =>
            Edit(http, live, FleetJson.Plant, (FleetJson.PlantBody b) => (b with { Kind = kind }, site)))
            .Write<FleetJson.PlantBody>(StatusCodes.Status200OK, "Re-rate a site's solar or wind plant (admin); its output profile scales from the next step");

        app.MapPut("/fleet/sites/{site}/tariff", (HttpContext http, LiveService live, string site) =>
            Edit(http, live, FleetJson.Tariff, (FleetJson.TariffBody b) => (b, site)))
            .Write<FleetJson.TariffBody>(StatusCodes.Status200OK, "Price a site's grid energy by a time-of-use tariff (admin) from the next step");
    }

    /// <summary>What every write route declares: its body, its answer and problems in the OpenAPI document, the admin
    /// role, and a summary.</summary>
    private static RouteHandlerBuilder Write<T>(this RouteHandlerBuilder route, int status, string summary) where T : notnull =>
        route.Accepts<T>("application/json").Produces<EditJson>(status).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireKey(ApiRole.Admin).WithSummary(summary);

    /// <summary>Reads the body as <typeparamref name="T"/>, adds the route's ids, and has the live loop check, record and
    /// make the edit.</summary>
    private static async Task<IResult> Edit<T>(HttpContext http, LiveService live, string kind, Func<T, (T Body, string Site)> withRoute) where T : class
    {
        if (Running(live) is { } none) return none;
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            // Named as a scenario file's problems are: the field's path, and the kind of value it takes.
            var (field, message) = Tandem.Scenarios.ScenarioLoader.JsonProblem(e, typeof(T), "");
            return Problem(field.Length == 0 ? "body" : field, message);
        }
        if (body is null) return Problem("body", "a JSON object is required");
        var (normalized, site) = withRoute(body);
        var coordinator = live.Coordinator!;
        try
        {
            var (seq, step, made) = coordinator.ChangeFleet(kind, site, JsonSerializer.Serialize(normalized));
            var answer = new EditJson(seq, kind, site, step, coordinator.Scenario.Grid.TimeAt(step), JsonSerializer.SerializeToElement(normalized), made);
            return kind == FleetJson.Register ? TypedResults.Created($"/fleet/sites/{Uri.EscapeDataString(site)}", answer) : TypedResults.Ok(answer);
        }
        catch (FleetEditNotMadeException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Fleet edit recorded, not made",
                detail: $"edit {e.Seq} was recorded but could not be made, so the live loop has stopped ({e.InnerException?.Message}); a restart makes it from the record");
        }
        catch (FleetEditException e) when (e.UnknownSite)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such site", detail: e.Message);
        }
        catch (FleetEditException e) when (e.Conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The fleet cannot take this {e.ParamName} now", detail: Message(e),
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [e.ParamName!] = [Message(e)] } });
        }
        catch (FleetEditException e)
        {
            return Problem(e.ParamName ?? "body", Message(e));
        }
        catch (Exception e) when (e is InvalidOperationException or StoreException or System.Data.Common.DbException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Fleet not changed", detail: $"{e.Message}; nothing was changed");
        }
    }

    /// <summary>An exception's message without the " (Parameter 'x')" that <see cref="ArgumentException"/> appends.</summary>
    private static string Message(ArgumentException e) => e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static SiteJson Json(Site s) => new(s.Id, s.Name, s.GridZone, s.TimeZone.Id, s.GridLimit.Kilowatts,
        new FleetJson.PueBody(s.Pue.Base, s.Pue.PerDegreeC, s.Pue.NeedsTemperature ? s.Pue.ThresholdC : null, s.Pue.NeedsTemperature ? s.Pue.DesignMaxC : null),
        s.Pools.Select(p => new PoolJson(p.Id, p.GpuModel, p.Count, p.IdlePowerPerGpu.Watts, Enumerable.Range(0, p.Curve.Levels.Count).Select(l => p.BusyPowerPerGpu(l).Watts).ToList())).ToList(),
        s.Solar?.Capacity.Kilowatts, s.Wind?.Capacity.Kilowatts, s.Battery?.Capacity.KilowattHours, s.Battery?.PowerLimit.Kilowatts, s.Battery?.RoundTripEfficiency.Value);
}
