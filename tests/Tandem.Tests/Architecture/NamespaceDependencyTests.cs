using System.Text.RegularExpressions;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Architecture;

/// <summary>The loop's parts depend one way: no cycle between the folders of src/Tandem (simulation, scheduling,
/// planning, validation, actuation, signals...). Read from the sources: a file's folder is its namespace, and it depends
/// on every Tandem namespace it names (usings, and names qualified from the root or from Tandem).</summary>
public partial class NamespaceDependencyTests
{
    [GeneratedRegex(@"(?:\bTandem\.|(?<![\w.]))([A-Z][A-Za-z]+)\.[A-Z]")]
    private static partial Regex Reference();

    [Fact]
    public void TheDomainsFolders_HaveNoDependencyCycle()
    {
        var src = Path.Combine(SharedData.RepoRoot(), "src", "Tandem");
        var folders = Directory.GetDirectories(src).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToHashSet()!;
        var edges = folders.ToDictionary(f => f!, _ => new HashSet<string>());
        foreach (var folder in folders)
            foreach (var file in Directory.GetFiles(Path.Combine(src, folder!), "*.cs", SearchOption.AllDirectories))
                foreach (var line in File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("///", StringComparison.Ordinal)))
                    foreach (Match m in Reference().Matches(line.StartsWith("using ", StringComparison.Ordinal) ? line[6..].TrimEnd(';', ' ') + ".X" : line))
                        if (m.Groups[1].Value != folder && folders.Contains(m.Groups[1].Value)) edges[folder!].Add(m.Groups[1].Value);
        // Depth-first search for a cycle, reporting it.
        var state = folders.ToDictionary(f => f!, _ => 0);
        var path = new List<string>();
        string? cycle = null;
        bool Visit(string n)
        {
            state[n] = 1;
            path.Add(n);
            foreach (var m in edges[n])
            {
                if (state[m] == 1) { cycle = string.Join(" → ", path.SkipWhile(p => p != m).Append(m)); return true; }
                if (state[m] == 0 && Visit(m)) return true;
            }
            state[n] = 2;
            path.RemoveAt(path.Count - 1);
            return false;
        }
        foreach (var f in folders) if (state[f!] == 0 && Visit(f!)) break;
        Assert.True(cycle is null, $"namespace cycle: {cycle}");
        Assert.Contains("Simulation", edges["Loop"]);
    }
}
