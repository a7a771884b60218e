using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Server.Security;
using Tandem.Storage.Keys;
using Tandem.Storage.Live;
using Tandem.Storage.Runs;
using Tandem.Storage.Schema;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.Live;

/// <summary>The live loop over HTTP (read, grid or admin keys): the current plan with its totals and each job's place,
/// the commands sent to the fleet so far, and the recorded simulation runs (the fleet itself: FleetEndpoints).</summary>
public static class LiveEndpoints
{
    /// <summary>A command as listed, with its sequence number and step.</summary>
    public sealed record ActionJson(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("step")] int Step,
        [property: JsonPropertyName("command")] CommandJson Command);

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var read = new[] { ApiRole.Read, ApiRole.Grid };
        app.MapGet("/plan", (LiveService live, [FromQuery] string? tenant) =>
        {
            if (Running(live) is { } none) return none;
            if (live.Coordinator!.Fault is { } fault)
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Live loop stopped", detail: $"{fault}; restart the service to resume from the store");
            if (live.Coordinator.View is not { } view) return Starting();
            return (IResult)TypedResults.Ok(tenant is null ? view : view with { Jobs = view.Jobs.Where(j => j.Tenant == tenant).ToList() });
        }).RequireKey(read).WithSummary("The live plan: clock, sites now, every job's planned start, site, level and reason, totals against run-now");

        app.MapGet("/plan/actions", (LiveService live, LiveStore store, [FromQuery] long? after, [FromQuery] int? limit) =>
        {
            if (Running(live) is { } none) return none;
            if (after is < 0) return Problem("after", "after must be a sequence number, 0 or more");
            if (limit is < 1 or > 10_000) return Problem("limit", "limit must be from 1 to 10,000");
            var actions = store.Actions(live.Coordinator!.Run, after ?? 0, limit ?? 1_000);
            return (IResult)TypedResults.Ok(actions.Select(a => new ActionJson(a.Seq, a.Step, System.Text.Json.JsonSerializer.Deserialize<CommandJson>(a.CommandJson)!)).ToList());
        }).RequireKey(read).WithSummary("Commands sent to the fleet so far, in order (?after=seq&limit=n)");

        app.MapGet("/plan/history", (LiveService live) => Running(live) ?? TypedResults.Ok(live.Coordinator!.History()))
            .RequireKey(read).WithSummary("Each site's facility, grid and on-site power per step so far");

        app.MapGet("/runs", async (ServiceDatabase db, CancellationToken ct) =>
        {
            if (Runs(db) is { } none) return none;
            using var store = await SqliteRunStore.OpenAsync(db.Path, ct);
            return (IResult)TypedResults.Ok(await store.ListAsync(ct));
        }).RequireKey(read).WithSummary("Recorded simulation runs, as `tandem runs list` shows them");

        app.MapGet("/runs/{id:long}", async (ServiceDatabase db, long id, CancellationToken ct) =>
        {
            if (Runs(db) is { } none) return none;
            using var store = await SqliteRunStore.OpenAsync(db.Path, ct);
            return await store.GetAsync(id, ct) is { } run ? (IResult)TypedResults.Ok(run)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"no run {id}");
        }).RequireKey(read).WithSummary("One recorded simulation run");
    }

    /// <summary>404 when the service runs no live loop (no --replay or --demo), else null.</summary>
    internal static IResult? Running(LiveService live) => live.Coordinator is null
        ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No live loop", detail: "this service runs no live loop; start it with --replay SCENARIO or --demo")
        : null;

    private static IResult Starting() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting", detail: "the live loop has not run its first step yet; retry in a moment");

    private static IResult? Runs(ServiceDatabase db) => PostgresDatabase.IsConnectionString(db.Path)
        ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Runs are kept in SQLite",
            detail: "simulation runs are recorded in the SQLite database of `tandem simulate --db`; this service's --db is PostgreSQL")
        : null;
}

/// <summary>The database the service was started with (--db).</summary>
public sealed record ServiceDatabase(string Path);
