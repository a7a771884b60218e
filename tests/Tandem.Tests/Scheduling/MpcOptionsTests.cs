using Tandem.Scheduling.Mpc;
using Tandem.Forecasting;
using Tandem.Planning;
using Tandem.Scheduling;

namespace Tandem.Tests.Scheduling;

/// <summary>mpc's options are checked when built; each bad value is refused with a message naming it.</summary>
public class MpcOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAreAWeekAndAQuarterOfTheSlack()
    {
        var o = new MpcOptions();
        Assert.Empty(o.Problems());
        Assert.Equal(TimeSpan.FromDays(7), o.Horizon);
        Assert.Equal(0.25, o.SlackReserve);
    }

    [Theory]
    [InlineData("horizon_hours", "0.5", "horizon_hours: 0.5 must lie between 1 and 720")]
    [InlineData("horizon_hours", "-5", "horizon_hours: -5 must lie between 1 and 720")]
    [InlineData("horizon_hours", "0", "horizon_hours: 0 must lie between 1 and 720")]
    [InlineData("horizon_hours", "1e7", "horizon_hours: 10000000 must lie between 1 and 720")]
    [InlineData("horizon_hours", "721", "horizon_hours: 721 must lie between 1 and 720")]
    [InlineData("slack_reserve", "1", "slack_reserve: 1 must lie in [0, 1)")]
    [InlineData("slack_reserve", "-0.1", "slack_reserve: -0.1 must lie in [0, 1)")]
    [InlineData("slack_reserve", "lots", "slack_reserve: 'lots' is not a number")]
    [InlineData("power_levels", "seven", "power_levels: 'seven' is not all or three")]
    [InlineData("horizon", "24", "horizon: mpc has no such option; it has horizon_hours, slack_reserve, urgency_margin, power_levels, urgent_reserve, move_band, forecaster, planner, planner_seconds, greedy_seconds")]
    [InlineData("urgentreserve", "on", "urgentreserve: mpc has no such option; it has horizon_hours, slack_reserve, urgency_margin, power_levels, urgent_reserve, move_band, forecaster, planner, planner_seconds, greedy_seconds")]
    [InlineData("urgent_reserve", "maybe", "urgent_reserve: 'maybe' is not on or off")]
    [InlineData("move_band", "ON", "move_band: 'ON' is not on or off")]
    [InlineData("urgency_margin", "1.5", "urgency_margin: 1.5 must lie in [0, 1]")]
    [InlineData("planner", "milp", "planner: 'milp' is not greedy, optimal or lp")]
    [InlineData("planner_seconds", "0.01", "planner_seconds: 0.01 must lie between 0.1 and 600")]
    [InlineData("planner_seconds", "fast", "planner_seconds: 'fast' is not a number")]
    [InlineData("greedy_seconds", "0", "greedy_seconds: 0 must lie between 0.01 and 600")]
    [InlineData("greedy_seconds", "soon", "greedy_seconds: 'soon' is not a number")]
    [InlineData("forecaster", "oracle", "forecaster: 'oracle' is not backtest, backtest+published or seasonal-naive")]
    public void ABadSetting_IsRefused_NamingIt(string key, string value, string message)
    {
        var (options, problems) = MpcOptions.Parse(new Dictionary<string, string> { [key] = value });
        Assert.Null(options);
        Assert.Equal([message], problems);
        var (policy, catalogProblems) = PolicyCatalog.Create("mpc", Objective.Emissions, new Dictionary<string, string> { [key] = value });
        Assert.Null(policy);
        Assert.Equal([message], catalogProblems);
    }

    [Fact]
    public void GoodSettings_ReachThePolicy()
    {
        var (options, problems) = MpcOptions.Parse(new Dictionary<string, string> { ["horizon_hours"] = "48", ["slack_reserve"] = "0.1" });
        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromHours(48), options!.Horizon);
        Assert.Equal(0.1, new MpcPolicy(Objective.Emissions, ModelForecaster.SeasonalNaive(), options).SlackReserve);
        Assert.Throws<ArgumentException>(() => new MpcPolicy(Objective.Emissions, ModelForecaster.SeasonalNaive(), options with { SlackReserve = 2 }));
    }

    [Theory]
    [InlineData("greedy", "greedy re-plan")]
    [InlineData("optimal", "exact MILP (LP + repair when large) re-plan")]
    [InlineData("lp", "LP + repair re-plan")]
    public void ThePlanner_IsReadAndNamed(string planner, string method)
    {
        var (options, problems) = MpcOptions.Parse(new Dictionary<string, string> { ["planner"] = planner, ["planner_seconds"] = "2" });
        Assert.Empty(problems);
        Assert.Equal(planner, options!.Planner);
        Assert.Equal(2, options.PlannerSeconds);
        Assert.StartsWith(method, new MpcPolicy(Objective.Emissions, ModelForecaster.SeasonalNaive(), options).Method);
        Assert.Equal(["planner: 'LP' is not greedy, optimal or lp"], (options with { Planner = "LP" }).Problems());
    }

    [Theory]
    [InlineData("on", "off", true, false)]
    [InlineData("off", "on", false, true)]
    public void OnOffSettings_AreRead(string reserve, string band, bool urgentReserve, bool moveBand)
    {
        var (options, problems) = MpcOptions.Parse(new Dictionary<string, string> { ["urgent_reserve"] = reserve, ["move_band"] = band });
        Assert.Empty(problems);
        Assert.Equal(urgentReserve, options!.UrgentReserve);
        Assert.Equal(moveBand, options.MoveBand);
        Assert.False(new MpcOptions().UrgentReserve || new MpcOptions().MoveBand);
    }

    [Fact]
    public void TheForecasterOption_ChoosesMpcsForecaster_AndMpcLightgbmRefusesIt()
    {
        var (naive, p1) = PolicyCatalog.Create("mpc", Objective.Emissions, new Dictionary<string, string> { ["forecaster"] = "seasonal-naive" });
        var (backtest, p2) = PolicyCatalog.Create("mpc", Objective.Emissions, new Dictionary<string, string>());
        Assert.Empty(p1.Concat(p2));
        Assert.Contains("seasonal-naive forecasts", ((IPlanningPolicy)naive!).Method, StringComparison.Ordinal);
        Assert.Contains("backtest-selected forecasts", ((IPlanningPolicy)backtest!).Method, StringComparison.Ordinal);
        var (lgbm, p3) = PolicyCatalog.Create("mpc-lightgbm", Objective.Emissions, new Dictionary<string, string> { ["forecaster"] = "backtest" });
        Assert.Null(lgbm);
        Assert.Equal(["forecaster: mpc-lightgbm always plans on LightGBM; use mpc for another forecaster"], p3);
    }

    [Fact]
    public void APolicyWithoutOptions_RefusesSettings()
    {
        var (policy, problems) = PolicyCatalog.Create("run-now", Objective.Emissions, new Dictionary<string, string> { ["x"] = "1" });
        Assert.Null(policy);
        Assert.Equal(["x: run-now has no options"], problems);
    }
}
