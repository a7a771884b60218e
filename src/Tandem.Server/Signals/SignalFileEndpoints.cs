using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Tandem.Formats;
using Tandem.Server.Security;
using Tandem.Signals;
using Tandem.Storage;
using Tandem.Storage.Keys;
using Tandem.Storage.Signals;

using static Tandem.Server.Hosting.Problems;

namespace Tandem.Server.Signals;

/// <summary>POST /signals/import: a data file in any format Tandem reads (docs/formats.md: Electricity Maps, DACF,
/// EIA-930, WattTime, Open-Meteo, State Grid solar, day-ahead prices, ...; gzip or plain) as the request body, stored
/// as `tandem signals import` stores it: the same reader and the same choice of columns, zone and kind, all series in
/// one transaction. A bad request or file is a 400 naming the field (format, zone, column, kind, time_zone, currency;
/// body for the file's own problems, each with its line) and nothing is stored.</summary>
public static class SignalFileEndpoints
{
    /// <summary>What was stored from the file, per series.</summary>
    public sealed record StoredSeries(
        [property: System.Text.Json.Serialization.JsonPropertyName("zone")] string Zone,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("unit")] string Unit,
        [property: System.Text.Json.Serialization.JsonPropertyName("start")] DateTimeOffset Start,
        [property: System.Text.Json.Serialization.JsonPropertyName("end")] DateTimeOffset End,
        [property: System.Text.Json.Serialization.JsonPropertyName("step_minutes")] double StepMinutes,
        [property: System.Text.Json.Serialization.JsonPropertyName("stored")] int Stored);

    /// <summary>Largest file accepted once decompressed, bytes (a year of quarter-hours in the widest format Tandem
    /// reads is a few MiB).</summary>
    public const long MaxInflatedBytes = 64L << 20;

    /// <summary>A gzip body is decompressed here, up to <see cref="MaxInflatedBytes"/>, so a small body cannot expand
    /// without bound in a reader; the file is replaced by its contents. Null when it is fine, else the 400.</summary>
    private static async Task<IResult?> Inflate(string file, CancellationToken ct)
    {
        var plain = file + ".plain";
        try
        {
            await using (var compressed = File.OpenRead(file))
            {
                if (!GzipInput.IsGzip(compressed)) return null;
                // GzipInput notices a file cut short (the trailer's length), where GZipStream would stop quietly.
                await using var source = new GzipInput(compressed);
                await using var target = File.Create(plain);
                var buffer = new byte[81920];
                long total = 0;
                int n;
                while ((n = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += n;
                    if (total > MaxInflatedBytes) return Problem("body", $"the file is larger than {MaxInflatedBytes >> 20} MiB once decompressed; split it");
                    await target.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            File.Move(plain, file, overwrite: true);
            return null;
        }
        catch (InvalidDataException e)
        {
            return Problem("body", $"the body starts like gzip but cannot be decompressed: {e.Message}");
        }
        finally
        {
            File.Delete(plain);
        }
    }

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder app, Lock gate) =>
        app.MapPost("/signals/import", async (HttpRequest request, [FromQuery] string? format, [FromQuery] string? zone, [FromQuery] string? column,
            [FromQuery] string? kind, [FromQuery(Name = "time_zone")] string? timeZone, [FromQuery] string? currency, ISignalStore store,
            Operations.ServiceMetrics metrics, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(format))
                return Problem("format", $"format is required: one of {string.Join(", ", SignalFormats.Formats.Select(f => f.Name))}");
            var file = Path.Combine(Path.GetTempPath(), $"tandem-import-{Guid.NewGuid():N}");
            try
            {
                await using (var copy = File.Create(file)) await request.Body.CopyToAsync(copy, ct);
                if (new FileInfo(file).Length == 0) return Problem("body", "the data file goes in the request body; it is empty");
                if (await Inflate(file, ct) is { } tooBig) return tooBig;
                List<SignalSeries> series;
                try
                {
                    series = SignalImport.Series(file, format.Trim(), zone, column, kind, timeZone, currency);
                }
                catch (SignalImportException e) { return Problem(e.Field, e.Message.Replace(file, "the file", StringComparison.Ordinal)); }
                catch (DataFileException e)
                {
                    var problems = e.Problems.Count == 0 ? [e.Message] : e.Problems.Select(p => (p.Line > 0 ? $"line {p.Line}: " : "") + (p.Field.Length > 0 ? $"{p.Field}: " : "") + p.Message.Replace(file, "the file", StringComparison.Ordinal)).ToArray();
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = problems }, detail: problems[0], title: $"Not a {format} file Tandem can read");
                }
                catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException)
                {
                    return Problem("body", $"the file cannot be read as {format}: {e.Message}");
                }
                try
                {
                    lock (gate) store.Import(series);
                }
                catch (StoreException e)
                {
                    return Problem("body", e.Message);
                }
                var answer = series.Select(s =>
                {
                    var count = s.ValueCount;
                    metrics.SignalValuesStored.Add(count, new KeyValuePair<string, object?>("zone", s.Zone), new KeyValuePair<string, object?>("kind", s.Kind.Name()));
                    return new StoredSeries(s.Zone, s.Kind.Name(), s.Kind.Unit(), s.Grid.Start, s.Grid.End, s.Grid.Step.TotalMinutes, count);
                }).ToList();
                return TypedResults.Ok(answer);
            }
            finally
            {
                File.Delete(file);
            }
        }).RequireKey(ApiRole.Grid).WithSummary("Store the signals of a data file in any format Tandem reads (the body; ?format=&zone=&column=&kind=&time_zone=&currency=)");
}
