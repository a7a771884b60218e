using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>Every command that opens the database, given a --db that is not a SQLite database or cannot be created,
/// exits 2 naming --db and the file, and writes nothing: not the file, not an output folder.</summary>
public class BadDatabaseTests
{
    private const string NotADatabase = "This is a text file, not a SQLite database. It has a few lines of words in it,\nenough to fill the hundred bytes of a database header and more.\n";

    public static TheoryData<string, string> Commands => new()
    {
        { "signals list", "text" },
        { "signals list", "proc" },
        { "signals show", "text" },
        { "signals import", "text" },
        { "runs list", "text" },
        { "runs list", "proc" },
        { "runs show", "text" },
        { "simulate", "text" },
        { "simulate", "proc" },
        { "simulate store", "text" },
        { "plan store", "text" },
        { "plan store", "proc" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ABadDb_Exits2_NamingDbAndTheFile_AndWritesNothing(string command, string kind)
    {
        using var dir = new TempFolder();
        var db = kind == "text" ? dir.Write("notadb.db", NotADatabase) : "/proc/x/t.db";
        var outDir = Path.Combine(dir.Path, "o");
        var tiny = PlanCommandTests.Tiny(dir);
        var stored = dir.Write("stored.json", StoredSignalsScenarioTests.Scenario("""{ "store": "US-CAL-CISO" }""", """{ "store": "US-CAL-CISO" }"""));
        var carbon = Path.Combine(SharedData.RepoRoot(), "examples", "demo", "data", "dacf_PJM_direct_emissions_2020-06-01_to_08.csv");
        string[] args = command switch
        {
            "signals list" => ["signals", "list", "--db", db],
            "signals show" => ["signals", "show", "--zone", "US-MIDA-PJM", "--kind", "carbon", "--db", db],
            "signals import" => ["signals", "import", "--file", carbon, "--format", "dacf", "--zone", "US-MIDA-PJM", "--db", db],
            "runs list" => ["runs", "list", "--db", db],
            "runs show" => ["runs", "show", "1", "--db", db],
            "simulate" => ["simulate", "--scenario", tiny, "--policy", "run-now", "--out", outDir, "--db", db],
            "simulate store" => ["simulate", "--scenario", stored, "--policy", "run-now", "--out", outDir, "--db", db],
            "plan store" => ["plan", "--scenario", stored, "--policy", "run-now", "--out", Path.Combine(outDir, "plan.json"), "--db", db],
            _ => throw new ArgumentException(command, nameof(command)),
        };
        var (code, _, e) = await TandemCli.Run(args);
        Assert.True(code == 2, $"exit {code}: {e}");
        Assert.Contains("--db", e, StringComparison.Ordinal);
        Assert.Contains(db, e, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "an output folder was written");
        if (kind == "text")
        {
            Assert.Equal(NotADatabase, await File.ReadAllTextAsync(db, TestContext.Current.CancellationToken));
            Assert.Equal(new[] { "notadb.db", "s.json", "grid.csv", "stored.json" }.Order(), Directory.EnumerateFileSystemEntries(dir.Path).Select(f => Path.GetFileName(f)!).Order());
        }
    }
}
