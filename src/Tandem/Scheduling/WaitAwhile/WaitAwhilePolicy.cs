using Tandem.Scheduling;
using Tandem.Planning;
using Tandem.Actuation;
using Tandem.Scenarios;

namespace Tandem.Scheduling.WaitAwhile;

/// <summary>Per-job carbon-aware shifting, as in Wiesner et al., "Let's Wait Awhile" (Middleware 2021) and the Carbon
/// Aware SDK's best-window query: when a job is released, it picks, on its own, the start step at its home site (the
/// first allowed site) whose full-power run has the lowest mean grid carbon intensity and still meets its deadline.
/// It uses the actual intensity series as its forecast, the paper's perfect-forecast case. There is no coordination:
/// when many jobs pick the same green window and capacity binds, they queue at their home site and may miss their
/// deadlines. The simulator shows that herding as it happens.</summary>
public sealed class WaitAwhilePolicy : IForesightPolicy
{
    private double[][] _prefix = [];
    private readonly PriorityQueue<int, (int Step, int Order)> _planned = new();
    private readonly List<int> _due = [];
    private int _order;
    private bool _timeShift = true;

    /// <inheritdoc />
    public string Name => "wait-awhile";

    /// <inheritdoc />
    public void Foresee(Scenario oracle)
    {
        _prefix = oracle.Sites.Select((_, s) =>
        {
            var sum = new double[oracle.Grid.Count + 1];
            for (var i = 0; i < oracle.Grid.Count; i++) sum[i + 1] = sum[i] + oracle.Signals.Carbon(s, i).GramsPerKilowattHour;
            return sum;
        }).ToArray();
    }

    /// <inheritdoc />
    public void Prepare(PolicySetup setup)
    {
        if (_prefix.Length != setup.Fleet.Sites.Count) throw new InvalidOperationException("wait-awhile plans on the period's carbon intensity: call Foresee first.");
        _planned.Clear();
        _due.Clear();
        _order = 0;
        _timeShift = setup.Levers.HasFlag(Levers.Time);
    }

    /// <inheritdoc />
    public void Decide(DecisionContext ctx)
    {
        Placement.ServeGreedy(ctx);
        var state = ctx.Fleet;
        foreach (var j in state.ReleasedNow)
            if (state.Status(j) == Actuation.JobStatus.Pending) _planned.Enqueue(j, (BestStart(state, j), _order++));
        while (_planned.TryPeek(out var j, out var key) && key.Step <= state.Step)
        {
            _planned.Dequeue();
            _due.Add(j);
        }
        var started = false;
        for (var i = 0; i < _due.Count; i++)
        {
            var j = _due[i];
            var home = state.AllowedSites(j)[0];
            var p = Placement.FindPool(state, j, home, int.MaxValue);
            if (p < 0) continue;
            ctx.Start(j, home, p, state.Sites[home].Pools[p].Curve.FullPowerLevel);
            _due[i] = -1;
            started = true;
        }
        if (started) _due.RemoveAll(j => j < 0);
    }

    /// <summary>The start step in [release, latest feasible start] with the lowest summed intensity over the job's
    /// full-power run at its home site; ties go to the earliest.</summary>
    internal int BestStart(FleetObservation state, int j)
    {
        var grid = state.Period;
        var job = state.Job(j);
        var release = state.ReleaseStep(j);
        var steps = Math.Max(1, (int)Math.Ceiling(job.FullPowerRuntime.TotalHours / grid.StepHours - 1e-9));
        var latestByDeadline = (int)Math.Floor((job.Deadline - job.FullPowerRuntime - grid.Start).Ticks / (double)grid.Step.Ticks);
        var latest = Math.Min(latestByDeadline, grid.Count - steps);
        if (latest <= release || !_timeShift) return release;
        var sum = _prefix[state.AllowedSites(j)[0]];
        var best = release;
        var bestCost = double.MaxValue;
        for (var s = release; s <= latest; s++)
        {
            var cost = sum[s + steps] - sum[s];
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = s;
            }
        }
        return best;
    }
}
