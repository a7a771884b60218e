using BenchmarkDotNet.Running;
using Tandem.Benchmarks;

// `year` (default): the whole-run benchmark of issue 2. `scheduler`: issue 3's planner scale targets.
// `levels`: the optimal planner with all power levels against three. `replan`: issue 10's re-planning target. `micro`: BenchmarkDotNet micro figures.
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
if (args.Length > 0 && args[0] == "replan")
{
    // Issue 10: mpc re-planning about 10,000 queued jobs on 20 sites after each new job.
    var data = YearBenchmark.FindSharedData();
    if (data is null) { Console.Error.WriteLine("error: ../shared/data not found"); return 2; }
    // replan [steps] [key=value ...]: mpc's options, e.g. horizon_hours=48.
    return ReplanBenchmark.Run(data, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
        args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a[1]));
}
if (args.Length > 0 && args[0] == "levels")
{
    // The optimal planner with every power level against three, on the example scenarios (or the files named).
    return PowerLevelsBenchmark.Run(args.Length > 1 ? args[1..] : PowerLevelsBenchmark.Examples());
}
return YearBenchmark.Run(args);
