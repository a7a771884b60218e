using Tandem.Planning;
using Tandem.Actuation;

namespace Tandem.Scheduling;

/// <summary>Carries out a plan's decisions for the current step: serves online demand where the plan says (and any
/// demand the plan left unserved wherever there is room), then starts the jobs planned to start now.</summary>
public static class PlanExecutor
{
    /// <summary>Applies the part of <paramref name="plan"/> that falls on the state's current step. Jobs start first,
    /// since they hold whole GPUs; online load, which a solver may round a hair above what is left, then takes the
    /// capacity that remains.</summary>
    public static void Apply(DecisionContext ctx, Plan plan, ILookup<int, PlannedStart> startsByStep)
    {
        var state = ctx.Fleet;
        foreach (var start in startsByStep[state.Step])
            if (state.Status(start.Job) == JobStatus.Pending) ctx.Start(start.Job, start.Site, start.Pool, start.Level, start.Reason, start.Gpus);
        var t = state.Step - plan.Offset;
        if (t >= 0 && t < plan.Steps)
        {
            for (var r = 0; r < plan.InferenceLoad.Length; r++)
                for (var s = 0; s < plan.InferenceLoad[r].Length; s++)
                    for (var p = 0; p < plan.InferenceLoad[r][s].Length; p++)
                    {
                        var load = Math.Min(plan.InferenceLoad[r][s][p][t], Placement.MaxInferenceLoad(state, r, s, p));
                        if (load > 1e-12) ctx.Serve(r, s, p, load);
                    }
        }
        Placement.ServeGreedy(ctx);
    }
}
