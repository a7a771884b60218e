using System.Reflection;
using System.Text.Json;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scenarios;

/// <summary>docs/scenario.schema.json stays in step with what the loader reads.</summary>
public class ScenarioSchemaTests
{
    [Fact]
    public void EveryFieldTheLoaderReads_IsInTheSchema()
    {
        var schema = File.ReadAllText(Path.Combine(SharedData.RepoRoot(), "docs", "scenario.schema.json"));
        using var _ = JsonDocument.Parse(schema);
        var documents = typeof(Tandem.Scenarios.Scenario).Assembly.GetTypes()
            .Where(t => t.Namespace == "Tandem.Scenarios" && t.Name.EndsWith("Document", StringComparison.Ordinal));
        var missing = documents.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .Distinct()
            .Where(name => !schema.Contains($"\"{name}\"", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
        Assert.True(documents.Count() >= 10);
    }
}
