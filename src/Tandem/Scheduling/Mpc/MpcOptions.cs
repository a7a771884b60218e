using Tandem.Scheduling;
using Tandem.Planning;
namespace Tandem.Scheduling.Mpc;

/// <summary>How <see cref="MpcPolicy"/> plans. Checked when built: a bad value is refused with a message naming it.</summary>
public sealed record MpcOptions
{
    /// <summary>The receding horizon it plans over each step; default one week, from one hour to 30 days.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Share of each job's slack kept in hand for work that has not arrived yet, in [0, 1); default 0.25.</summary>
    public double SlackReserve { get; init; } = 0.25;

    /// <summary>A job counts as urgent (started first, with room made for it) once its latest on-time start is within
    /// this share of the hours it still needs, or one step, whichever is longer (urgency_margin, in [0, 1]; default
    /// 0.1); its deadline counts as no later than the period's end (<see cref="MpcPolicy.IsUrgent"/>). On the busy examples waiting to the last step left jobs late wherever work that arrived meanwhile had
    /// taken the GPUs (docs/benchmarks.md).</summary>
    public double UrgencyMargin { get; init; } = 0.1;

    /// <summary>Whether it tries every power level of each curve (power_levels=all) or three: full power, the most
    /// energy-efficient level and one between (power_levels=three, the default). With every level it gains on grids
    /// whose clean hours it can see coming and loses where slow levels hold GPUs that work arriving later needed
    /// (docs/benchmarks.md measures both).</summary>
    public bool EveryPowerLevel { get; init; }

    /// <summary>Whether it keeps GPUs free at each site for urgent single-site jobs that may still arrive
    /// (urgent_reserve=on). Off by default: on the examples the reserve cost more in shifting than it saved in
    /// lateness (docs/benchmarks.md).</summary>
    public bool UrgentReserve { get; init; }

    /// <summary>Whether a move between sites must also clear the forecast band of both sites' weights times the job's
    /// energy (move_band=on). Off by default (docs/benchmarks.md measures both).</summary>
    public bool MoveBand { get; init; }

    /// <summary>The forecaster `mpc` plans on (forecaster=backtest, the default: the model that backtests best on each
    /// signal's recent history; forecaster=backtest+published: the same, also trying the scenario's published forecasts
    /// laid over each candidate; or forecaster=seasonal-naive); null when not given. `mpc-lightgbm` refuses it.</summary>
    public string? Forecaster { get; init; }

    /// <summary>What plans each step: the greedy planner (planner=greedy, the default), the optimal planner's exact
    /// MILP over the jobs in hand where small enough and LP + repair otherwise (planner=optimal), or LP + repair
    /// always (planner=lp); the last two get <see cref="PlannerSeconds"/> per step.</summary>
    public string Planner { get; init; } = "greedy";

    /// <summary>Time limit of each solver call the optimal planner makes in a step, seconds (planner_seconds, 0.1 to 600;
    /// default 5). A step makes up to three (the LP, then scoring the repaired and the plain greedy plan).</summary>
    public double PlannerSeconds { get; init; } = 5;

    /// <summary>Time the greedy planner may spend on one step's plan before its refinements stop (greedy_seconds, 0.01
    /// to 600; default 0.5): the first feasible pass always completes, and a plan always comes. On the examples a step's
    /// plan takes a few milliseconds; the budget bounds a step with a queue of thousands (bench/Tandem.Benchmarks replan).</summary>
    public double GreedySeconds { get; init; } = 0.5;

    /// <summary>The options' problems, each naming its option; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var list = new List<string>();
        if (!(Horizon >= TimeSpan.FromHours(1) && Horizon <= TimeSpan.FromDays(30)))
            list.Add($"horizon_hours: {Horizon.TotalHours:0.###} must lie between 1 and 720");
        if (!(SlackReserve >= 0 && SlackReserve < 1)) list.Add($"slack_reserve: {SlackReserve} must lie in [0, 1)");
        if (Planner is not ("greedy" or "optimal" or "lp")) list.Add($"planner: '{Planner}' is not greedy, optimal or lp");
        if (!(PlannerSeconds >= 0.1 && PlannerSeconds <= 600)) list.Add($"planner_seconds: {PlannerSeconds} must lie between 0.1 and 600");
        if (!(UrgencyMargin >= 0 && UrgencyMargin <= 1)) list.Add($"urgency_margin: {UrgencyMargin} must lie in [0, 1]");
        if (!(GreedySeconds >= 0.01 && GreedySeconds <= 600)) list.Add($"greedy_seconds: {GreedySeconds} must lie between 0.01 and 600");
        return list;
    }

    /// <summary>Options from <c>key=value</c> settings (horizon_hours, slack_reserve, urgency_margin, power_levels, urgent_reserve, move_band, forecaster, planner, planner_seconds, greedy_seconds); problems name the key.</summary>
    public static (MpcOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyDictionary<string, string> settings)
    {
        var o = new MpcOptions();
        var problems = new List<string>();
        foreach (var (key, text) in settings)
        {
            if (key == "forecaster")
            {
                if (text is "backtest" or "backtest+published" or "seasonal-naive") o = o with { Forecaster = text };
                else problems.Add($"{key}: '{text}' is not backtest, backtest+published or seasonal-naive");
                continue;
            }
            if (key is "urgent_reserve" or "move_band")
            {
                if (text is not ("on" or "off")) problems.Add($"{key}: '{text}' is not on or off");
                else if (key == "urgent_reserve") o = o with { UrgentReserve = text == "on" };
                else o = o with { MoveBand = text == "on" };
                continue;
            }
            if (key == "planner")
            {
                if (text is "greedy" or "optimal" or "lp") o = o with { Planner = text };
                else problems.Add($"{key}: '{text}' is not greedy, optimal or lp");
                continue;
            }
            if (key == "power_levels")
            {
                if (text is "all" or "three") o = o with { EveryPowerLevel = text == "all" };
                else problems.Add($"{key}: '{text}' is not all or three");
                continue;
            }
            if (key is not ("horizon_hours" or "slack_reserve" or "urgency_margin" or "planner_seconds" or "greedy_seconds"))
            {
                problems.Add($"{key}: mpc has no such option; it has horizon_hours, slack_reserve, urgency_margin, power_levels, urgent_reserve, move_band, forecaster, planner, planner_seconds, greedy_seconds");
                continue;
            }
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                problems.Add($"{key}: '{text}' is not a number");
                continue;
            }
            switch (key)
            {
                case "horizon_hours":
                    // Checked here, not by Problems(), so the message shows the value given (-5), not a stand-in.
                    if (v is >= 1 and <= 720) o = o with { Horizon = TimeSpan.FromHours(v) };
                    else problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}: {v:0.###} must lie between 1 and 720"));
                    break;
                case "slack_reserve": o = o with { SlackReserve = v }; break;
                case "urgency_margin": o = o with { UrgencyMargin = v }; break;
                case "planner_seconds": o = o with { PlannerSeconds = v }; break;
                case "greedy_seconds": o = o with { GreedySeconds = v }; break;
            }
        }
        problems.AddRange(o.Problems());
        return (problems.Count == 0 ? o : null, problems);
    }
}
