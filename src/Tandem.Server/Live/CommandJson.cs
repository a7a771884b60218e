using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Actuation;

namespace Tandem.Server.Live;

/// <summary>A command as the service stores and shows it: its type (start, pause, set-level, serve, cancel), instant and ids,
/// and for a start the planner's reason. Reading it back gives the command that was issued, so a restart can replay
/// the fleet to where it was.</summary>
public sealed record CommandJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("job")] string? Job = null,
    [property: JsonPropertyName("site")] string? Site = null,
    [property: JsonPropertyName("pool")] string? Pool = null,
    [property: JsonPropertyName("level")] int? Level = null,
    [property: JsonPropertyName("gpus")] int? Gpus = null,
    [property: JsonPropertyName("region")] string? Region = null,
    [property: JsonPropertyName("load_gpus")] double? LoadGpus = null,
    [property: JsonPropertyName("expected_emissions_kg")] double? ExpectedEmissionsKg = null,
    [property: JsonPropertyName("expected_cost")] double? ExpectedCost = null,
    [property: JsonPropertyName("deadline_slack_hours")] double? DeadlineSlackHours = null)
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The JSON form of <paramref name="command"/>.</summary>
    public static CommandJson Of(Command command) => command switch
    {
        StartJob s => new("start", s.At, s.JobId, s.SiteId, s.PoolId, s.Level, s.Gpus, ExpectedEmissionsKg: s.Reason?.ExpectedEmissionsKg,
            ExpectedCost: s.Reason?.ExpectedCost, DeadlineSlackHours: s.Reason?.DeadlineSlack?.TotalHours),
        PauseJob p => new("pause", p.At, p.JobId),
        CancelJob c => new("cancel", c.At, c.JobId),
        SetPowerLevel l => new("set-level", l.At, l.JobId, Level: l.Level),
        ServeInference i => new("serve", i.At, Site: i.SiteId, Pool: i.PoolId, Region: i.Region, LoadGpus: i.LoadGpus),
        _ => throw new ArgumentException($"no JSON form for {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Serialised.</summary>
    public string Write() => JsonSerializer.Serialize(this, Options);

    /// <summary>The command a stored JSON form stands for.</summary>
    public static Command Read(string json)
    {
        var c = JsonSerializer.Deserialize<CommandJson>(json, Options) ?? throw new FormatException("empty command");
        return c.Type switch
        {
            "start" => new StartJob(c.At, c.Job!, c.Site!, c.Pool!, c.Level!.Value,
                c.ExpectedEmissionsKg is null && c.ExpectedCost is null && c.DeadlineSlackHours is null ? null
                    : new CommandReason(c.ExpectedEmissionsKg, c.ExpectedCost, c.DeadlineSlackHours is { } h ? TimeSpan.FromHours(h) : null)) { Gpus = c.Gpus },
            "pause" => new PauseJob(c.At, c.Job!),
            "cancel" => new CancelJob(c.At, c.Job!),
            "set-level" => new SetPowerLevel(c.At, c.Job!, c.Level!.Value),
            "serve" => new ServeInference(c.At, c.Region!, c.Site!, c.Pool!, c.LoadGpus!.Value),
            _ => throw new FormatException($"unknown command type '{c.Type}'"),
        };
    }
}
