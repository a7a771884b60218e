using Tandem.Cli;

return await TandemCommand.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, CancellationToken.None);
