using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Server.Security;
using Tandem.Storage.Jobs;
using Tandem.Storage.Keys;
using Tandem.Storage.Live;
using Tandem.Server.Live;
using Tandem.Workloads;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.Jobs;

/// <summary>Jobs over HTTP: a tenant submits with an Idempotency-Key header (a retry with the same key and body returns
/// the job it made, never a second one; the same key with another body is 409), lists and cancels its own jobs. A
/// tenant key sees only its tenant's jobs: another tenant's job is 404, as if it did not exist. An admin key acts for
/// the tenant named in the body (submit) or the query (list). With a live loop, each step admits the queued jobs to the
/// fleet, and a job's answer carries its place in the plan.</summary>
public static class JobsEndpoints
{
    /// <summary>A job as submitted: GPUs, work in GPU-hours at full power, the window it may run in (UTC), its tier
    /// (rigid, standard, relaxed), the sites it may run at and whether it can be paused. Without earliest_start the job
    /// may start from its submission time.</summary>
    public sealed record JobRequest(
        [property: JsonPropertyName("gpus")] int? Gpus,
        [property: JsonPropertyName("work_gpu_hours")] double? WorkGpuHours,
        [property: JsonPropertyName("earliest_start")] DateTimeOffset? EarliestStart,
        [property: JsonPropertyName("deadline")] DateTimeOffset? Deadline,
        [property: JsonPropertyName("tier")] string? Tier,
        [property: JsonPropertyName("sites")] string[]? Sites,
        [property: JsonPropertyName("interruptible")] bool? Interruptible,
        [property: JsonPropertyName("tenant")] string? Tenant = null);

    /// <summary>A job as answered: queued until the live loop admits it, then its status in the fleet (pending,
    /// running, paused, done; refused if the fleet cannot run it) and its place in the plan; cancelled if cancelled
    /// while queued.</summary>
    public sealed record JobJson(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("tenant")] string Tenant,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("submitted")] DateTimeOffset Submitted,
        [property: JsonPropertyName("request")] JobRequest Request,
        [property: JsonPropertyName("plan")] JobPlan? Plan = null);

    /// <summary>The header carrying the idempotency key.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/jobs", async (HttpContext http, JobRequest? body, JobStore jobs, TimeProvider clock, LiveService live) =>
        {
            var key = Caller(http);
            var idempotency = http.Request.Headers[IdempotencyHeader].ToString();
            if (string.IsNullOrWhiteSpace(idempotency) || idempotency.Length > 200) return Problem(IdempotencyHeader, $"an {IdempotencyHeader} header (1 to 200 characters) is required, so a retried submit never makes a second job");
            if (body is null) return Problem("body", "a JSON job is required");
            var tenant = key.Role == ApiRole.Tenant ? key.Tenant : body.Tenant?.Trim();
            if (key.Role == ApiRole.Tenant && body.Tenant is not null && body.Tenant != key.Tenant) return Problem("tenant", "a tenant key submits for its own tenant only");
            if (string.IsNullOrWhiteSpace(tenant)) return Problem("tenant", "an admin key must name the tenant the job is for");
            // Normalised without the clock, so a retry of the same body later compares equal: a missing earliest_start
            // stays missing (it means the submission time, which the stored job keeps).
            var request = JsonSerializer.Serialize(body with
            {
                Tenant = null, EarliestStart = body.EarliestStart?.ToUniversalTime(), Deadline = body.Deadline?.ToUniversalTime(), Tier = body.Tier ?? "standard",
                Interruptible = body.Interruptible ?? false, Sites = body.Sites?.Select(x => x?.Trim()!).ToArray(),
            });
            // A retry is answered before validation, so one that comes after its deadline still gets its job.
            if (jobs.Previous(tenant, idempotency, request) is { } earlier) return Answer(earlier);
            if (Validate(body, clock.GetUtcNow()) is { } bad) return bad;
            if (live.Coordinator is { Finished: true })
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Replay finished",
                    detail: "the replayed period has ended, so no step is left to run a new job; start a new replay to submit jobs");
            if (live.Coordinator is { } c && LiveJobs.Misfit(c.Scenario.Fleet, body.Gpus!.Value, body.Sites!.Select(x => x.Trim()).ToArray()) is { } misfit)
                return Problem(misfit.Field, misfit.Message);
            return Answer(await jobs.SubmitAsync(tenant, idempotency, request, clock.GetUtcNow()));
        }).RequireKey(ApiRole.Tenant).WithSummary("Submit a job (tenant or admin key; Idempotency-Key header)");

        app.MapGet("/jobs", (HttpContext http, [FromQuery] string? tenant, JobStore jobs, LiveStore live) =>
        {
            var key = Caller(http);
            if (key.Role == ApiRole.Tenant && string.IsNullOrEmpty(key.Tenant)) return (IResult)TypedResults.Forbid();
            var who = key.Role == ApiRole.Tenant ? key.Tenant : tenant;
            var states = live.JobsOf(who);
            return (IResult)TypedResults.Ok(jobs.List(who).Select(j => Json(j, states.GetValueOrDefault(j.Id))).ToList());
        }).RequireKey(ApiRole.Tenant).WithSummary("The caller's jobs (a tenant's own; an admin's by ?tenant= or all)");

        app.MapGet("/jobs/{id}", (HttpContext http, string id, JobStore jobs, LiveStore live) =>
            Visible(http, jobs.Get(id)) is { } job ? (IResult)TypedResults.Ok(Json(job, live.Job(job.Id))) : NotFound(id))
            .RequireKey(ApiRole.Tenant).WithSummary("One job and its status");

        app.MapPost("/jobs/{id}/cancel", (HttpContext http, string id, JobStore jobs, LiveStore live, LiveService loop) =>
        {
            if (Visible(http, jobs.Get(id)) is not { } job) return NotFound(id);
            // Queued: cancelled at once. In the plan: withdrawn at the live loop's next step (202; the job's status
            // says cancel-requested until then, cancelled after). Done, refused or cancelled: 409.
            if (jobs.Cancel(job.Id)) return TypedResults.Ok(Json(jobs.Get(job.Id)!));
            if (jobs.Get(job.Id)?.Status == "admitted" && loop.Coordinator is { } c)
            {
                if (c.Fault is not null)
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Live loop stopped", detail: $"{c.Fault}; restart the service, then cancel");
                if (c.Finished)
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Replay finished", detail: $"the replayed period has ended; job {id} is {live.Job(job.Id)?.Status}");
            }
            if (jobs.Get(job.Id)?.Status == "admitted" && loop.Coordinator is { } running && live.RequestCancel(running.Run, job.Id))
                return TypedResults.Accepted($"/jobs/{job.Id}", Json(jobs.Get(job.Id)!, live.Job(job.Id)));
            var now = live.Job(job.Id)?.Status ?? jobs.Get(job.Id)?.Status;
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not cancellable", detail: $"job {id} is {now}");
        }).RequireKey(ApiRole.Tenant).WithSummary("Cancel a job: at once while queued, at the next step once in the plan (202)");
    }

    private static IResult Answer((SubmitOutcome Outcome, StoredJob Job) submitted) => submitted.Outcome switch
    {
        SubmitOutcome.Created => TypedResults.Created($"/jobs/{submitted.Job.Id}", Json(submitted.Job)),
        SubmitOutcome.Repeated => TypedResults.Ok(Json(submitted.Job)),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused",
            detail: $"the {IdempotencyHeader} was used before for a different job ({submitted.Job.Id}); use a new key for a new job"),
    };

    private static ApiKeyInfo Caller(HttpContext http) => (ApiKeyInfo)http.Items[typeof(ApiKeyInfo)]!;

    /// <summary>The job if the caller may see it: its own tenant's, or any for an admin.</summary>
    private static StoredJob? Visible(HttpContext http, StoredJob? job)
    {
        var key = Caller(http);
        return job is not null && (key.Role == ApiRole.Admin || job.Tenant == key.Tenant) ? job : null;
    }

    private static IResult NotFound(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such job", detail: $"no job {id} that this key may see");

    private static JobJson Json(StoredJob job) => Json(job, null);

    private static JobJson Json(StoredJob job, LiveJob? live)
    {
        var plan = live is { DetailJson.Length: > 2 } ? JsonSerializer.Deserialize<JobPlan>(live.DetailJson) : null;
        var status = live?.Status == "cancel-requested" ? "cancel-requested" : plan?.Status ?? (job.Status == "admitted" ? "pending" : job.Status);
        return new(job.Id, job.Tenant, status, job.Submitted,
            JsonSerializer.Deserialize<JobRequest>(job.RequestJson)!, plan);
    }

    private static IResult? Validate(JobRequest r, DateTimeOffset now)
    {
        if (r.Gpus is not (>= 1 and <= 100_000)) return Problem("gpus", "gpus must be a whole number from 1 to 100,000");
        if (r.WorkGpuHours is not { } work || !(work > 0) || !double.IsFinite(work) || work > 1e9) return Problem("work_gpu_hours", "work_gpu_hours must be a positive number of GPU-hours");
        if (r.Deadline is null) return Problem("deadline", "deadline is required");
        var start = r.EarliestStart ?? now;
        if (r.Deadline <= start) return Problem("deadline", "deadline must be after earliest_start (or now)");
        if (r.Deadline > now.AddYears(1)) return Problem("deadline", "deadline must be within a year");
        if (r.Tier is not null && !FlexibilityTier.TryParse(r.Tier, out _)) return Problem("tier", $"'{r.Tier}' is not rigid, standard or relaxed");
        if (r.Sites is not { Length: > 0 } || r.Sites.Any(string.IsNullOrWhiteSpace)) return Problem("sites", "sites must name at least one site");
        return null;
    }
}
