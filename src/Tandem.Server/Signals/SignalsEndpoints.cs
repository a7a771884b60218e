using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Server.Security;
using Tandem.Signals;
using Tandem.Storage;
using Tandem.Storage.Keys;
using Tandem.Storage.Signals;
using Tandem.Time;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.Signals;

/// <summary>Signals over HTTP: a grid operator (or admin) posts a series as JSON; readers query a range or the latest
/// value. A posted series goes through the store's one transaction: all of it or, on a problem, nothing; the problem
/// names the field.</summary>
public static class SignalsEndpoints
{
    /// <summary>A series as posted and read: zone, kind (docs/signals.md), the first step's start (UTC), the step in
    /// minutes, the values (null for a gap) and, for prices, the currency.</summary>
    public sealed record SeriesJson(
        [property: JsonPropertyName("zone")] string? Zone,
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("start")] DateTimeOffset? Start,
        [property: JsonPropertyName("step_minutes")] int? StepMinutes,
        [property: JsonPropertyName("values")] double?[]? Values,
        [property: JsonPropertyName("currency")] string? Currency = null,
        [property: JsonPropertyName("unit")] string? Unit = null);

    /// <summary>The latest stored value of a series.</summary>
    public sealed record LatestJson(
        [property: JsonPropertyName("zone")] string Zone,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("unit")] string Unit,
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("value")] double Value);

    /// <summary>Maps the routes.</summary>
    public static void Map(IEndpointRouteBuilder app, Lock gate)
    {
        app.MapPost("/signals", (SeriesJson? body, ISignalStore store, Operations.ServiceMetrics metrics) =>
        {
            if (body is null) return Problem("body", "a JSON series {zone, kind, start, step_minutes, values} is required");
            if (string.IsNullOrWhiteSpace(body.Zone)) return Problem("zone", "zone is required");
            if (SignalKinds.Parse(body.Kind ?? "") is not { } kind) return Problem("kind", $"'{body.Kind}' is not a signal kind: {string.Join(", ", SignalKinds.Names)}");
            if (body.Start is null) return Problem("start", "start is required");
            if (body.StepMinutes is not > 0) return Problem("step_minutes", "step_minutes must be a whole number of minutes above 0");
            if (body.Values is not { Length: > 0 }) return Problem("values", "values must hold at least one value");
            var values = body.Values.Select(v => v ?? double.NaN).ToArray();
            var series = new SignalSeries(body.Zone.Trim(), kind, new Series<double>(new TimeGrid(body.Start.Value.ToUniversalTime(), TimeSpan.FromMinutes(body.StepMinutes.Value), values.Length), values), body.Currency);
            try
            {
                lock (gate) store.Import([series]);
            }
            catch (StoreException e)
            {
                return Problem(FieldOf(e.Message), e.Message);
            }
            var stored = series.ValueCount;
            metrics.SignalValuesStored.Add(stored, new KeyValuePair<string, object?>("zone", series.Zone), new KeyValuePair<string, object?>("kind", kind.Name()));
            return TypedResults.Ok(new { zone = series.Zone, kind = kind.Name(), stored });
        }).RequireKey(ApiRole.Grid).WithSummary("Store a signal series (grid or admin key)");

        app.MapGet("/signals", ([FromQuery] string? zone, [FromQuery] string? kind, [FromQuery] string? from, [FromQuery] string? to, ISignalStore store) =>
        {
            if (string.IsNullOrWhiteSpace(zone)) return Problem("zone", "zone is required");
            if (SignalKinds.Parse(kind ?? "") is not { } k) return Problem("kind", $"'{kind}' is not a signal kind: {string.Join(", ", SignalKinds.Names)}");
            var (since, fromProblem) = TimeParameter(from, "from");
            var (until, toProblem) = TimeParameter(to, "to");
            if ((fromProblem ?? toProblem) is { } p) return p;
            var start = since ?? DateTimeOffset.UnixEpoch;
            var end = until ?? DateTimeOffset.MaxValue.AddYears(-1);
            if (end <= start) return Problem("to", "to must be after from");
            SignalSeries? s;
            lock (gate) s = store.Read(zone.Trim(), k, new Interval(start, end));
            if (s is null) return TypedResults.NoContent();
            var values = s.Values.Values.ToArray().Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
            return TypedResults.Ok(new SeriesJson(s.Zone, k.Name(), s.Grid.Start, (int)s.Grid.Step.TotalMinutes, values, s.Currency, k.Unit()));
        }).RequireKey(ApiRole.Read, ApiRole.Grid).WithSummary("A stored series over a time range (read, grid or admin key)");

        app.MapGet("/signals/latest", ([FromQuery] string? zone, [FromQuery] string? kind, ISignalStore store) =>
        {
            if (string.IsNullOrWhiteSpace(zone)) return Problem("zone", "zone is required");
            if (SignalKinds.Parse(kind ?? "") is not { } k) return Problem("kind", $"'{kind}' is not a signal kind: {string.Join(", ", SignalKinds.Names)}");
            SignalSeries? s;
            lock (gate)
            {
                var entry = store.Catalog().FirstOrDefault(c => c.Zone == zone.Trim() && c.Kind == k);
                s = entry is null ? null : store.Read(entry.Zone, k, new Interval(entry.To - entry.Step, entry.To));
            }
            if (s is null || double.IsNaN(s.Values[^1])) return TypedResults.NoContent();
            return TypedResults.Ok(new LatestJson(s.Zone, k.Name(), k.Unit(), s.Grid.TimeAt(s.Grid.Count - 1), s.Values[^1]));
        }).RequireKey(ApiRole.Read, ApiRole.Grid).WithSummary("The latest stored value of a series (read, grid or admin key)");
    }

    /// <summary>The posted field a store refusal is about, from the refusal's wording (DbSignalStore.Check and Write).</summary>
    private static string FieldOf(string message) =>
        message.Contains(": the store keeps times from", StringComparison.Ordinal) || message.Contains("between two of them", StringComparison.Ordinal) || message.Contains("grids of whole seconds", StringComparison.Ordinal) ? "start"
        : message.Contains("steps of", StringComparison.Ordinal) ? "step_minutes"
        : message.Contains("currency", StringComparison.Ordinal) || message.Contains("these prices in", StringComparison.Ordinal) || message.Contains("only prices carry", StringComparison.Ordinal) ? "currency"
        : message.StartsWith("zone ", StringComparison.Ordinal) ? "zone"
        : "values";

}
