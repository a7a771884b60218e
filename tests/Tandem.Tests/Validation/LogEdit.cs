using Tandem.Actuation;
using Tandem.Scenarios;

namespace Tandem.Tests.Validation;

/// <summary>Copies a run's execution log with one thing changed, to feed the validator a deliberately broken log.</summary>
internal static class LogEdit
{
    public static ExecutionLog Copy(Scenario scenario, ExecutionLog log,
        Func<JobRun, JobRun?>? run = null,
        Func<int, DateTimeOffset?, DateTimeOffset?>? finish = null,
        Func<int, int, int, int, double, double>? served = null,
        IEnumerable<JobRun>? extra = null)
    {
        var copy = new ExecutionLog(scenario.Sites.Select(s => s.Pools.Count).ToArray(), scenario.Inference.Count, scenario.Grid.Count);
        foreach (var r in log.Runs.Select(r => run is null ? r : run(r)).Concat(extra ?? []))
        {
            if (r is null) continue;
            copy.Open(r.Job, r.Site, r.Pool, r.Level, r.FromStep, r.Gpus);
            copy.Close(r.Job, r.ToStep);
        }
        for (var j = 0; j < scenario.Jobs.Count; j++)
            if ((finish is null ? log.FinishedAt(j) : finish(j, log.FinishedAt(j))) is { } at) copy.Finish(j, at);
        for (var r = 0; r < scenario.Inference.Count; r++)
            for (var s = 0; s < scenario.Sites.Count; s++)
                for (var p = 0; p < scenario.Sites[s].Pools.Count; p++)
                    for (var t = 0; t < scenario.Grid.Count; t++)
                    {
                        var load = log.Served(r, s, p, t);
                        if (served is not null) load = served(r, s, p, t, load);
                        if (load != 0) copy.Serve(r, s, p, t, load);
                    }
        return copy;
    }
}
