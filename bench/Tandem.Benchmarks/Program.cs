using BenchmarkDotNet.Running;
using Tandem.Benchmarks;

// `year` (default): the whole-run benchmark of issue 2. `scheduler`: issue 3's planner scale targets.
// `micro`: BenchmarkDotNet micro figures.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(YearBenchmark).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "scheduler")
{
    var data = YearBenchmark.FindSharedData();
    if (data is null) { Console.Error.WriteLine("error: ../shared/data not found"); return 2; }
    return SchedulerScaleBenchmark.Run(data);
}
return YearBenchmark.Run(args);
