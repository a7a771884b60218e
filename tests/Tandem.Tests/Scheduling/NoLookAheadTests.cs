using Tandem.Scheduling.Mpc;
using Tandem.Actuation;
using Tandem.Forecasting;
using Tandem.Grid;
using Tandem.Loop;
using Tandem.Planning;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Signals;
using Tandem.Simulation;
using Tandem.Tests.Simulation;
using Tandem.Tests.Testing;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Tests.Scheduling;

/// <summary>Online policies cannot see the future: rewriting every signal (carbon, price, carbon-free share, on-site
/// output, temperature, inference demand) and every job released after step k leaves every command they issued up to
/// step k unchanged. A perfect-foresight policy is the control: its commands must change, or the test proves nothing.</summary>
public class NoLookAheadTests
{
    public static TheoryData<string, int, int> Online => new()
    {
        { "run-now", 3, 10 }, { "run-now", 29, 5 },
        { "mpc", 3, 10 }, { "mpc", 17, 20 }, { "mpc", 29, 5 }, { "mpc", 41, 8 }, { "mpc", 5, 12 },
    };

    [Theory]
    [MemberData(nameof(Online))]
    public void OnlinePolicy_CommandsUpToAStep_DoNotDependOnTheFuture(string policy, int seed, int k)
    {
        var scenario = Busy(seed);
        SameCommandsUpTo(scenario, Future.Alter(scenario, k), k, () => PolicyCatalog.Create(policy)!);
    }

    [Theory]
    [InlineData(3, 10)]
    [InlineData(29, 5)]
    public void MpcLightgbm_CommandsUpToAStep_DoNotDependOnTheFuture(int seed, int k)
    {
        var scenario = WithHistory(Busy(seed), 30);
        var altered = Future.Alter(scenario, k);
        var fits = 0;
        MpcPolicy Make() => new(Objective.Emissions, new ModelForecaster("lightgbm", key => key.Kind is SignalKind.Carbon or SignalKind.Price or SignalKind.CarbonFree
            ? new Counted(new LightGbmModel(trainDays: 365), () => fits++) : null));
        Assert.Empty(SameCommandsUpTo(scenario, altered, k, Make).Violations);
        Assert.True(fits > 0, "the LightGBM models were never trained");
    }

    /// <summary>With a carbon forecast published in 6-hour blocks, each 3 h before it begins (the site's carbon
    /// intensity plus an offset, marked as a published forecast of carbon), mpc with forecaster=backtest+published (which
    /// lays it over its backtested forecasts) and mpc-lightgbm plans on it, and its commands up to step k do not change when every value published after
    /// step k begins changes; values already published for later steps (the point of the series) stay as they were.</summary>
    [Theory]
    [InlineData(3, 10)]
    [InlineData(17, 20)]
    public void Mpc_WithPublishedForecasts_CommandsUpToAStep_DoNotDependOnWhatIsPublishedLater(int seed, int k)
    {
        var scenario = WithKnownAhead(WithHistory(Busy(seed), 30), TimeSpan.FromHours(3), TimeSpan.FromHours(6));
        var altered = Future.Alter(scenario, k);
        var changed = altered.Signals.Site(0).KnownAhead[0].Values.Values.ToArray();
        var original = scenario.Signals.Site(0).KnownAhead[0].Values.Values.ToArray();
        Assert.Contains(Enumerable.Range(0, changed.Length), i => changed[i] != original[i]);
        MpcPolicy Lightgbm() => new(Objective.Emissions, new ModelForecaster("lightgbm", key => key.Kind is SignalKind.Carbon
            ? new LightGbmModel(trainDays: 365, threads: 1) : null));
        IPolicy Published() => PolicyCatalog.Create("mpc", Objective.Emissions, new Dictionary<string, string> { ["forecaster"] = "backtest+published" }).Policy!;
        foreach (var make in new Func<IPolicy>[] { Lightgbm, Published })
            Assert.Empty(SameCommandsUpTo(scenario, altered, k, make).Violations);
    }

    /// <summary>The control: a policy handed the future changes what it does early when the future changes, so the
    /// alteration is strong enough for the online tests to mean something.</summary>
    [Theory]
    [InlineData("greedy", 3, 10)]
    [InlineData("optimal", 17, 20)]
    [InlineData("greedy", 29, 5)]
    [InlineData("wait-awhile", 41, 8)]
    public void ForesightPolicy_CommandsUpToAStep_DoChange(string policy, int seed, int k)
    {
        var scenario = Busy(seed);
        var a = PlanActLoop.Run(scenario, PolicyCatalog.Create(policy)!);
        var b = PlanActLoop.Run(Future.Alter(scenario, k), PolicyCatalog.Create(policy)!);
        Assert.True(a.Foresight);
        Assert.NotEqual(CommandsUpTo(a, scenario, k), CommandsUpTo(b, scenario, k));
    }

    [Fact]
    public void Observation_RefusesToShowAnythingOfAJobBeforeItIsReleased()
    {
        var scenario = Busy(3);
        var late = Enumerable.Range(0, scenario.Jobs.Count).First(j => scenario.Grid.CeilingIndex(scenario.Jobs[j].EarliestStart) > 0);
        var seen = new List<Exception?>();
        PlanActLoop.Run(scenario, new Probe(ctx =>
        {
            if (ctx.Fleet.Step != 0) return;
            var f = ctx.Fleet;
            foreach (var j in new[] { late, scenario.Jobs.Count, -1 })
            {
                seen.Add(Record.Exception(() => f.Job(j)));
                seen.Add(Record.Exception(() => f.Status(j)));
                seen.Add(Record.Exception(() => f.RemainingWork(j)));
                seen.Add(Record.Exception(() => f.SiteOf(j)));
                seen.Add(Record.Exception(() => f.PoolOf(j)));
                seen.Add(Record.Exception(() => f.LevelOf(j)));
                seen.Add(Record.Exception(() => f.AllowedSites(j)));
                seen.Add(Record.Exception(() => f.ReleaseStep(j)));
                seen.Add(Record.Exception(() => f.EarliestStartAt(j, 0)));
            }
        }));
        Assert.Equal(27, seen.Count);
        Assert.All(seen, e => Assert.IsType<InvalidOperationException>(e));
    }

    [Fact]
    public void Snapshot_NamesReleasedJobsAndSitesByTheirIds()
    {
        var scenario = Busy(3);
        FleetSnapshot? seen = null;
        var step = -1;
        PlanActLoop.Run(scenario, new Probe(ctx =>
        {
            var f = ctx.Fleet;
            if (seen is not null || f.Pending.Count == 0) return;
            var j = f.Pending[0];
            var site = f.AllowedSites(j).FirstOrDefault(s => f.FreeGpus(s, 0) >= f.Job(j).Gpus && f.Now >= f.EarliestStartAt(j, s), -1);
            if (site < 0) return;
            ctx.Start(j, site, 0, 0);
            (seen, step) = (f.Snapshot(), f.Step);
        }));
        Assert.NotNull(seen);
        var released = scenario.Jobs.Where(j => scenario.Grid.CeilingIndex(j.EarliestStart) <= step).Select(j => j.Id).Order().ToArray();
        Assert.Equal(released, seen.Jobs.Select(j => j.Id).Order().ToArray());
        var started = Assert.Single(seen.Jobs, j => j.Status == JobStatus.Running);
        Assert.Contains(started.SiteId, scenario.Jobs.Single(j => j.Id == started.Id).AllowedSites);
        Assert.Equal(scenario.Sites.Select(s => s.Id), seen.Sites.Select(s => s.Id));
        Assert.Equal(scenario.Grid.TimeAt(step), seen.At);
    }

    [Fact]
    public void SignalView_EndsAtTheEndOfTheCurrentStep()
    {
        var scenario = Busy(3);
        var lengths = new List<int>();
        PlanActLoop.Run(scenario, new Probe(ctx => lengths.Add(ctx.Signals.History(scenario.Sites[0].Id, SignalKind.Carbon)!.Values.Count)));
        Assert.Equal(Enumerable.Range(1, scenario.Grid.Count), lengths);
    }

    private sealed class Probe(Action<DecisionContext> look) : IPolicy
    {
        public string Name => "probe";
        public void Prepare(PolicySetup setup) { }
        public void Decide(DecisionContext context) => look(context);
    }

    private sealed class Counted(IForecastModel inner, Action onFit) : IForecastModel
    {
        public string Name => inner.Name;
        public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery) { onFit(); inner.Fit(series, trainEnd, horizon, issueEvery); }
        public double[] Predict(ForecastRequest request) => inner.Predict(request);
    }

    /// <summary>A random scenario with enough work that policies have decisions to make early on.</summary>
    private static Scenario Busy(int seed)
    {
        for (var s = seed; ; s += 1000)
        {
            var scenario = SimulatorPropertyTests.Random(s);
            if (scenario.Jobs.Count >= 10 && scenario.Grid.Count >= 24) return scenario;
        }
    }

    /// <summary>Runs a fresh policy from <paramref name="make"/> on the scenario and on its altered future: it issued
    /// commands up to step k, the same in both. Returns the run on the scenario.</summary>
    private static RunResult SameCommandsUpTo(Scenario scenario, Scenario altered, int k, Func<IPolicy> make)
    {
        var a = PlanActLoop.Run(scenario, make());
        var b = PlanActLoop.Run(altered, make());
        var before = CommandsUpTo(a, scenario, k);
        Assert.NotEmpty(before);
        Assert.Equal(before, CommandsUpTo(b, scenario, k));
        return a;
    }

    private static List<string> CommandsUpTo(RunResult r, Scenario s, int k) =>
        r.Commands.Where(c => c.At <= s.Grid.TimeAt(k)).Select(c => c.ToString()).ToList();

    /// <summary>Each site's carbon intensity (history and period) plus 15 g/kWh, published in blocks of
    /// <paramref name="cycle"/>, each <paramref name="before"/> it begins.</summary>
    private static Scenario WithKnownAhead(Scenario s, TimeSpan before, TimeSpan cycle)
    {
        var hg = s.Signals.HistoryGrid!;
        var span = new TimeGrid(hg.Start, s.Grid.Step, hg.Count + s.Grid.Count);
        var signals = Enumerable.Range(0, s.Sites.Count).Select(i =>
        {
            var carbon = s.Signals.Read(s.Sites[i].Id, SignalKind.Carbon, span.Span)!;
            Assert.Equal(span.Count, carbon.Values.Count);
            var values = carbon.Values.Values.ToArray().Select(v => v + 15).ToArray();
            return s.Signals.Site(i) with { KnownAhead = [new KnownAhead("carbon_forecast", new Series<double>(span, values), before, cycle, SignalKind.Carbon)] };
        }).ToArray();
        var demand = Enumerable.Range(0, s.Inference.Count).Select(r =>
            new Series<double>(s.Grid, Enumerable.Range(0, s.Grid.Count).Select(t => s.Signals.InferenceGpus(r, t)).ToArray())).ToArray();
        return s with { Signals = new ScenarioSignals(s.Grid, s.Sites, signals, s.Inference, demand, hg) };
    }

    private static Scenario WithHistory(Scenario s, int days)
    {
        var grid = s.Grid;
        var perDay = (int)(TimeSpan.FromDays(1) / grid.Step);
        var past = new TimeGrid(grid.Start - TimeSpan.FromDays(days), grid.Step, days * perDay);
        var signals = Enumerable.Range(0, s.Sites.Count).Select(i =>
        {
            var rng = new Random(i);
            double Shape(int t) => Math.Sin(2 * Math.PI * (t % perDay) / perDay);
            var ci = Enumerable.Range(0, past.Count).Select(t => CarbonIntensity.FromGramsPerKilowattHour(400 + 150 * Shape(t) + 20 * rng.NextDouble())).ToArray();
            var price = Enumerable.Range(0, past.Count).Select(t => EnergyPrice.PerMwh(60 - 30 * Shape(t) + 5 * rng.NextDouble(), s.Currency)).ToArray();
            return s.Signals.Site(i) with { History = new GridHistory(past, new Series<CarbonIntensity>(past, ci), null, new Series<EnergyPrice>(past, price)) };
        }).ToArray();
        var demand = Enumerable.Range(0, s.Inference.Count).Select(r =>
            new Series<double>(grid, Enumerable.Range(0, grid.Count).Select(t => s.Signals.InferenceGpus(r, t)).ToArray())).ToArray();
        return s with { Signals = new ScenarioSignals(grid, s.Sites, signals, s.Inference, demand, past) };
    }
}
