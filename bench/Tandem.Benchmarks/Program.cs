using BenchmarkDotNet.Running;
using Tandem.Benchmarks;

// `year` (default): the whole-run benchmark of issue 2. `micro`: BenchmarkDotNet micro figures.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(YearBenchmark).Assembly).Run(args[1..]);
    return 0;
}
return YearBenchmark.Run(args);
