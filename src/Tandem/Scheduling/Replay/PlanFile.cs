using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tandem.Actuation;
using Tandem.Formats;

namespace Tandem.Scheduling.Replay;

/// <summary>A plan as a file: the commands a policy issued over a scenario, in order, each with its instant and, for
/// starts, the reasons (expected emissions, cost and deadline slack). <c>tandem plan</c> writes it; <c>tandem simulate
/// --replay</c> carries it out, checked like any policy. Field names carry their units.</summary>
public static class PlanFile
{
    /// <summary>The plan as JSON text.</summary>
    public static string ToJson(string scenario, string policy, bool foresight, IEnumerable<Command> commands)
    {
        var list = new JsonArray();
        foreach (var c in commands) list.Add(Node(c));
        var root = new JsonObject
        {
            ["scenario"] = scenario,
            ["policy"] = policy,
            ["foresight"] = foresight,
            ["commands"] = list,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Node(Command c)
    {
        var o = new JsonObject { ["at"] = c.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        switch (c)
        {
            case StartJob s:
                o["command"] = "start"; o["job"] = s.JobId; o["site"] = s.SiteId; o["pool"] = s.PoolId; o["level"] = s.Level;
                if (s.Gpus is { } g) o["gpus"] = g;
                if (s.Reason is { } r)
                {
                    if (r.ExpectedEmissionsKg is { } e) o["expected_emissions_kg"] = e;
                    if (r.ExpectedCost is { } m) o["expected_cost"] = m;
                    if (r.DeadlineSlack is { } d) o["deadline_slack_hours"] = d.TotalHours;
                }
                break;
            case PauseJob p: o["command"] = "pause"; o["job"] = p.JobId; break;
            case SetPowerLevel l: o["command"] = "set_level"; o["job"] = l.JobId; o["level"] = l.Level; break;
            case ServeInference i: o["command"] = "serve"; o["region"] = i.Region; o["site"] = i.SiteId; o["pool"] = i.PoolId; o["load_gpus"] = i.LoadGpus; break;
            default: throw new ArgumentException($"Unknown command {c.GetType().Name}.", nameof(c));
        }
        return o;
    }

    /// <summary>Reads a plan file; every problem is reported at once, naming the command and field.</summary>
    public static PlanFileContents Read(string path)
    {
        var problems = new List<DataProblem>();
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new DataFileException([new DataProblem(path, "file", 0, e.Message)]);
        }
        if (root is not JsonObject)
            throw new DataFileException([new DataProblem(path, "", 0, "must be a JSON object with policy and commands")]);
        var commands = new List<Command>();
        var policy = root["policy"]?.GetValueKind() == JsonValueKind.String ? root["policy"]!.GetValue<string>() : "plan";
        var foresight = root["foresight"]?.GetValueKind() == JsonValueKind.True;
        if (root["commands"] is not JsonArray list)
            throw new DataFileException([new DataProblem(path, "commands", 0, "is required: an array of commands")]);
        for (var i = 0; i < list.Count; i++)
        {
            var f = $"commands[{i}]";
            if (list[i] is not JsonObject o) { problems.Add(new DataProblem(path, f, 0, "must be an object")); continue; }
            string? Text(string name)
            {
                if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s) return s;
                problems.Add(new DataProblem(path, $"{f}.{name}", 0, "is required (text)"));
                return null;
            }
            double? Number(string name, double min, double max)
            {
                if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d >= min && d <= max) return d;
                problems.Add(new DataProblem(path, $"{f}.{name}", 0, $"is required: a number from {min} to {max}"));
                return null;
            }
            double? Optional(string name)
            {
                if (o[name] is null) return null;
                if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && double.IsFinite(d)) return d;
                problems.Add(new DataProblem(path, $"{f}.{name}", 0, "must be a number"));
                return null;
            }
            int? Gpus()
            {
                if (o["gpus"] is null) return null;
                if (o["gpus"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d >= 1 && d <= 1e7 && d == Math.Round(d)) return (int)d;
                problems.Add(new DataProblem(path, $"{f}.gpus", 0, "must be a whole number of GPUs, at least 1"));
                return null;
            }
            CommandReason? Reason()
            {
                var (e, c, h) = (Optional("expected_emissions_kg"), Optional("expected_cost"), Optional("deadline_slack_hours"));
                return e is null && c is null && h is null ? null
                    : new CommandReason(e, c, h is { } hours && Math.Abs(hours) < 1e6 ? TimeSpan.FromHours(hours) : null);
            }
            DateTimeOffset? at = null;
            if (Text("at") is { } t)
            {
                if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed) && t.EndsWith('Z')) at = parsed;
                else problems.Add(new DataProblem(path, $"{f}.at", 0, $"'{t}' is not a UTC time like 2020-06-01T00:00:00Z"));
            }
            var kind = Text("command");
            Command? c = kind switch
            {
                "start" => Text("job") is { } j && Text("site") is { } s && Text("pool") is { } p && Number("level", 0, 1000) is { } l && at is { } a
                    ? new StartJob(a, j, s, p, (int)l, Reason()) { Gpus = Gpus() } : null,
                "pause" => Text("job") is { } j && at is { } a ? new PauseJob(a, j) : null,
                "set_level" => Text("job") is { } j && Number("level", 0, 1000) is { } l && at is { } a ? new SetPowerLevel(a, j, (int)l) : null,
                "serve" => Text("region") is { } r && Text("site") is { } s && Text("pool") is { } p && Number("load_gpus", 0, 1e7) is { } g && at is { } a
                    ? new ServeInference(a, r, s, p, g) : null,
                null => null,
                _ => Unknown(kind),
            };
            if (c is not null) commands.Add(c);
            Command? Unknown(string k) { problems.Add(new DataProblem(path, $"{f}.command", 0, $"'{k}' is not one of start, pause, set_level, serve")); return null; }
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return new PlanFileContents(policy, foresight, commands);
    }
}
