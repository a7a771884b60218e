using System.Text.Json;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Cli.Simulate;

/// <summary>Writes summary.json: the scenario's period and one entry per policy with the fields of
/// <see cref="PolicySummary"/> in snake_case (energy_kwh, emissions_kg, cost, currency, green_share, ...).</summary>
internal static class SummaryFile
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static async Task WriteAsync(string path, Scenario scenario, IReadOnlyList<PolicySummary> policies, CancellationToken ct)
    {
        var doc = new
        {
            scenario = scenario.Name,
            start = scenario.Grid.Start,
            end = scenario.Grid.End,
            step_minutes = scenario.Grid.Step.TotalMinutes,
            sites = scenario.Sites.Select(s => s.Id).ToArray(),
            policies,
        };
        var tmp = path + ".tmp";
        await using (var f = File.Create(tmp)) await JsonSerializer.SerializeAsync(f, doc, Json, ct);
        File.Move(tmp, path, overwrite: true);
    }
}
