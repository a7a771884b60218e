using System.Text.Json;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Cli.Simulate;

/// <summary>Writes summary.json: the scenario's period and one entry per policy with the fields of
/// <see cref="PolicySummary"/> in snake_case (energy_kwh, emissions_kg, cost, currency, green_share, ...) and, for
/// policies that plan, a "planning" object (<see cref="PlanningSummary"/>: method, plan_objective, lower_bound,
/// relative_gap_fraction, proven_optimal, ...; null for the others).</summary>
internal static class SummaryFile
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static async Task WriteAsync(string path, Scenario scenario, IReadOnlyList<PolicySummary> policies,
        IReadOnlyList<PlanningSummary?> planning, CancellationToken ct)
    {
        var doc = new
        {
            scenario = scenario.Name,
            start = scenario.Grid.Start,
            end = scenario.Grid.End,
            step_minutes = scenario.Grid.Step.TotalMinutes,
            sites = scenario.Sites.Select(s => s.Id).ToArray(),
            policies = policies.Select((p, i) =>
            {
                var node = JsonSerializer.SerializeToNode(p, Json)!.AsObject();
                node["planning"] = planning[i] is { } plan ? JsonSerializer.SerializeToNode(plan, Json) : null;
                return node;
            }).ToArray(),
        };
        var tmp = path + ".tmp";
        await using (var f = File.Create(tmp)) await JsonSerializer.SerializeAsync(f, doc, Json, ct);
        File.Move(tmp, path, overwrite: true);
    }
}
