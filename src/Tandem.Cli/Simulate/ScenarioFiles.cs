using Tandem.Cli.Runs;
using Tandem.Scenarios;
using Tandem.Storage.Signals;

namespace Tandem.Cli.Simulate;

/// <summary>Loads a scenario for a command, opening the signal store only when the scenario takes signals from it
/// (so a scenario of files alone never creates a database).</summary>
internal static class ScenarioFiles
{
    public static Scenario Load(string path, string? db)
    {
        if (!File.Exists(path) || !File.ReadAllText(path).Contains("\"store\"", StringComparison.Ordinal)) return ScenarioLoader.Load(path);
        using var store = SqliteSignalStore.Open(RunsCommand.DbPath(db));
        return ScenarioLoader.Load(path, store);
    }
}
