using Tandem.Cli.Runs;
using Tandem.Scenarios;
using Tandem.Storage.Signals;

namespace Tandem.Cli.Simulate;

/// <summary>Loads a scenario for a command, opening the signal store behind --db only if the scenario takes a signal
/// from it (so a scenario of files alone never creates a database).</summary>
internal static class ScenarioFiles
{
    public static Scenario Load(string path, string? db)
    {
        SqliteSignalStore? store = null;
        try { return ScenarioLoader.Load(path, () => store ??= SqliteSignalStore.Open(RunsCommand.DbPath(db))); }
        finally { store?.Dispose(); }
    }
}
