using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tandem.Tests.Testing;

/// <summary>Mutates scenario JSON at a value path ("sites[0].pools[0].count"): the scenario mutation tests of the
/// loader and of the CLI share it.</summary>
public static class ScenarioMutation
{
    /// <summary>The demo's folder; its scenario names its data files relative to it.</summary>
    public static string DemoFolder => Path.Combine(SharedData.RepoRoot(), "examples", "demo");

    /// <summary>examples/demo/scenario.json as a tree (it holds comments).</summary>
    public static JsonNode Demo() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(DemoFolder, "scenario.json")), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!;

    /// <summary>The demo cut to one day with a hundredth of its arrivals: a load takes milliseconds and a run little
    /// more, and every value path of the demo is still there to damage, with the demo's data files.</summary>
    public static JsonNode OneDayDemo()
    {
        var demo = Demo();
        demo["end"] = "2020-06-02T00:00:00Z";
        foreach (var trace in demo["workload"]!["traces"]!.AsArray())
            trace!["jobs_per_day"] = trace["jobs_per_day"]!.GetValue<double>() / 100;
        return demo;
    }

    /// <summary>Every value under <paramref name="node"/>, objects and arrays included, depth first, as paths in
    /// the loader's notation (no leading "$.").</summary>
    public static IEnumerable<string> Paths(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch { JsonObject o => o.Select(kv => kv.Value), JsonArray a => a, _ => [] };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return Name(child);
            foreach (var p in Paths(child)) yield return p;
        }
    }

    /// <summary>A copy of <paramref name="root"/> with the value at <paramref name="path"/> mutated.</summary>
    public static JsonNode Apply(JsonNode root, string path, Mutation mutation)
    {
        var copy = root.DeepClone();
        var target = Find(copy, path) ?? throw new ArgumentException($"no value at {path}", nameof(path));
        JsonNode? value = mutation switch
        {
            Mutation.Huge => JsonValue.Create(1e308),
            Mutation.NegativeHuge => JsonValue.Create(-1e308),
            Mutation.TwoToThe63 => JsonValue.Create(9223372036854775808UL),
            Mutation.Text => JsonValue.Create("x"),
            _ => null,
        };
        switch (target.Parent)
        {
            case JsonObject o when mutation == Mutation.Delete: o.Remove(target.GetPropertyName()); break;
            case JsonObject o: o[target.GetPropertyName()] = value; break;
            case JsonArray a when mutation == Mutation.Delete: a.RemoveAt(target.GetElementIndex()); break;
            case JsonArray a: a[target.GetElementIndex()] = value; break;
        }
        return copy;
    }

    /// <summary>The value at a path, or null.</summary>
    public static JsonNode? Find(JsonNode node, string path)
    {
        if (Name(node) == path) return node;
        IEnumerable<JsonNode?> children = node switch { JsonObject o => o.Select(kv => kv.Value), JsonArray a => a, _ => [] };
        return children.OfType<JsonNode>().Select(c => Find(c, path)).FirstOrDefault(n => n is not null);
    }

    private static string Name(JsonNode node) => node.GetPath().TrimStart('$').TrimStart('.');
}
