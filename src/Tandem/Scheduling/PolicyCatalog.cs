using Tandem.Signals;
using Tandem.Forecasting;
using Tandem.Planning;

namespace Tandem.Scheduling;

/// <summary>The policies that can be named on the command line.</summary>
public static class PolicyCatalog
{
    private static readonly Dictionary<string, Func<Objective, IPolicy>> Factories = new(StringComparer.Ordinal)
    {
        ["run-now"] = _ => new RunNowPolicy(),
        ["wait-awhile"] = _ => new WaitAwhilePolicy(),
        ["greedy"] = o => new GreedyPolicy(o),
        ["mpc"] = o => new MpcPolicy(o, ModelForecaster.SeasonalNaive(), MpcPolicy.DefaultHorizon),
        ["mpc-lightgbm"] = o => new MpcPolicy(o, LearnedGridSignals(), MpcPolicy.DefaultHorizon) { Name = "mpc-lightgbm" },
        ["optimal"] = o => new OptimalPolicy(o),
    };

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
    public static IPolicy? Create(string name, Objective? objective = null) =>
        Factories.TryGetValue(name, out var f) ? f(objective ?? Objective.Emissions) : null;
}
