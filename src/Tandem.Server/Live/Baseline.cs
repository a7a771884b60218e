using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling.RunNow;

namespace Tandem.Server.Live;

/// <summary>The run-now baseline of a replay: the scenario's own workload run as it arrives, computed once in the
/// background when the replay starts, and its grid emissions and cost summed over the same steps as the live run, by
/// the same arithmetic (grid draw × the step's intensity and price).</summary>
internal sealed class Baseline
{
    private readonly Task<(double[] Kg, double[] Cost)> _cumulative;

    private Baseline(Scenario scenario) => _cumulative = Task.Run(() => Cumulative(scenario));

    /// <summary>Starts computing the baseline of <paramref name="scenario"/>.</summary>
    public static Baseline Start(Scenario scenario) => new(scenario);

    /// <summary>Emissions (kg) and cost over steps 0 to <paramref name="step"/>, or null while it is still being
    /// computed (or if it failed).</summary>
    public (double EmissionsKg, double Cost)? SoFar(int step) =>
        _cumulative.IsCompletedSuccessfully && step >= 0 ? (_cumulative.Result.Kg[step], _cumulative.Result.Cost[step]) : null;

    private static (double[], double[]) Cumulative(Scenario scenario)
    {
        var run = PlanActLoop.Run(scenario, new RunNowPolicy());
        var grid = scenario.Grid;
        var kg = new double[grid.Count];
        var cost = new double[grid.Count];
        double k = 0, c = 0;
        for (var t = 0; t < grid.Count; t++)
        {
            for (var s = 0; s < scenario.Sites.Count; s++)
            {
                var (stepKg, stepCost) = GridBill.Step(scenario, run.Sites, s, t);
                k += stepKg;
                c += stepCost;
            }
            kg[t] = k;
            cost[t] = c;
        }
        return (kg, cost);
    }
}
