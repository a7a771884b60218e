using System.CommandLine;
using Tandem.Cli.Runs;
using Tandem.Cli.Simulate;
using Tandem.Formats;
using Tandem.Storage;

namespace Tandem.Cli;

/// <summary>The `tandem` command line. Exit codes: 0 done, 1 a run failed (a policy broke a hard constraint: a bug),
/// 2 bad input (the message names the field), nothing written.</summary>
internal static class TandemCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken cancellationToken)
    {
        var io = new ConsoleIo(stdout, stderr, clock);
        // Named, not RootCommand's default (the executable's file name, Tandem.Cli), so help and errors say `tandem`
        // however it is started: dotnet run, the dll, or the installed tool.
        var root = new Command("tandem", "Tandem: plan, schedule and account AI work against green power, prices and grid limits.") { new System.CommandLine.Help.HelpOption(), new VersionOption() };
        root.Subcommands.Add(SimulateCommand.Demo(io));
        root.Subcommands.Add(SimulateCommand.Simulate(io));
        root.Subcommands.Add(SimulateCommand.Plan(io));
        root.Subcommands.Add(RunsCommand.Create(io));
        root.Subcommands.Add(Signals.SignalsCommand.Create(io));
        root.Subcommands.Add(Bench.SchedulerBenchCommand.Create(io));
        root.Subcommands.Add(Forecast.ForecastCommand.Create(io));
        root.Subcommands.Add(Serve.ServeCommand.Create(io));
        root.Subcommands.Add(Serve.KeysCommand.Create(io));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (DataFileException e)
        {
            await stderr.WriteLineAsync("error: the input has problems; nothing was written:");
            foreach (var p in e.Problems) await stderr.WriteLineAsync($"  {p}");
            return 2;
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (StoreException e)
        {
            // Opening or reading the database at --db (runs, signals, a scenario's stored signals) failed.
            await stderr.WriteLineAsync($"error: --db: {e.Message}; nothing was written");
            return 2;
        }
    }
}

/// <summary>Where the CLI writes and what clock it reads; tests pass their own.</summary>
internal sealed record ConsoleIo(TextWriter Out, TextWriter Error, TimeProvider Clock);

/// <summary>A command-line argument is wrong; the message names it. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
