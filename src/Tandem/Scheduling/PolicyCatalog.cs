using Tandem.Scheduling.RunNow;
using Tandem.Scheduling.WaitAwhile;
using Tandem.Scheduling.Greedy;
using Tandem.Scheduling.Mpc;
using Tandem.Scheduling.Optimal;
using Tandem.Signals;
using Tandem.Forecasting;
using Tandem.Planning;

namespace Tandem.Scheduling;

/// <summary>The policies that can be named on the command line.</summary>
public static class PolicyCatalog
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private static readonly Dictionary<string, Func<Objective, IReadOnlyDictionary<string, string>, (IPolicy?, IReadOnlyList<string>)>> Factories = new(StringComparer.Ordinal)
    {
        ["run-now"] = (_, s) => Plain(new RunNowPolicy(), s),
        ["wait-awhile"] = (_, s) => Plain(new WaitAwhilePolicy(), s),
        ["greedy"] = (o, s) => Plain(new GreedyPolicy(o), s),
        ["mpc"] = (o, s) => Mpc(s, m => new MpcPolicy(o, m.Forecaster switch
        {
            "seasonal-naive" => ModelForecaster.SeasonalNaive(),
            "backtest+published" => new BacktestedForecaster { UsePublished = true },
            _ => new BacktestedForecaster(),
        }, m)),
        ["mpc-lightgbm"] = (o, s) => s.ContainsKey("forecaster") ? (null, ["forecaster: mpc-lightgbm always plans on LightGBM; use mpc for another forecaster"])
            : Mpc(s, m => new MpcPolicy(o, LearnedGridSignals(), m) { Name = "mpc-lightgbm" }),
        ["optimal"] = (o, s) => Plain(new OptimalPolicy(o), s),
    };

    private static (IPolicy?, IReadOnlyList<string>) Plain(IPolicy policy, IReadOnlyDictionary<string, string> settings) =>
        settings.Count == 0 ? (policy, []) : (null, settings.Keys.Select(k => $"{k}: {policy.Name} has no options").ToArray());

    private static (IPolicy?, IReadOnlyList<string>) Mpc(IReadOnlyDictionary<string, string> settings, Func<MpcOptions, IPolicy> make)
    {
        var (options, problems) = MpcOptions.Parse(settings);
        return options is null ? (null, problems) : (make(options), []);
    }

    /// <summary>LightGBM for the grid's carbon intensity, price and carbon-free share (learning from the scenario's
    /// history_days and what has been seen since the start); seasonal naive for the rest.</summary>
    private static ModelForecaster LearnedGridSignals() => new("lightgbm", key => key.Kind is SignalKind.Carbon or SignalKind.Price or SignalKind.CarbonFree
        ? new LightGbmModel(trainDays: 365)
        : null);

    /// <summary>Every policy name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = Factories.Keys.ToArray();

    /// <summary>What simulate and demo run when no policy is named: all but mpc-lightgbm, which only differs from mpc
    /// on scenarios with weeks of grid history (history_days).</summary>
    public static IReadOnlyList<string> Defaults { get; } = Names.Where(n => n != "mpc-lightgbm").ToArray();

    /// <summary>A fresh policy by name for an objective (default: emissions), or null if there is none of that name.</summary>
    public static IPolicy? Create(string name, Objective? objective = null) => Create(name, objective, NoSettings).Policy;

    /// <summary>A fresh policy by name with options given as <c>key=value</c> settings; the problems name each bad
    /// setting (and the policy is null then, or when there is no policy of that name).</summary>
    public static (IPolicy? Policy, IReadOnlyList<string> Problems) Create(string name, Objective? objective, IReadOnlyDictionary<string, string> settings) =>
        Factories.TryGetValue(name, out var f) ? f(objective ?? Objective.Emissions, settings) : (null, [$"unknown policy '{name}'"]);
}
