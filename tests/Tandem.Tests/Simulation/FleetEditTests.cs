using Tandem.Actuation;
using Tandem.Fleet;
using Tandem.Grid;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling.RunNow;
using Tandem.Simulation;
using Tandem.Tests.Testing;
using Tandem.Units;
using Tandem.Validation;
using Tandem.Workloads;

namespace Tandem.Tests.Simulation;

/// <summary>An operator changes the fleet while a run goes on: each edit holds from the next step, the simulated
/// fleet takes it, the validator checks every step against the layout in force then, and an edit the fleet cannot
/// take is refused by name with nothing changed.</summary>
public class FleetEditTests
{
    private static readonly DateTimeOffset T0 = ScenarioBuilder.T0;

    /// <summary>Site a: 4 GPUs (idle 0.1 kW, busy 0.5 kW each), PUE 1.2, limit 10 kW, solar 4 kW, no battery; site b the
    /// same without solar, in its own zone. j0 and j1 each want 3 GPUs for 3 GPU-hours at a only, so under run-now j1 waits for j0.</summary>
    private static Scenario Fixture(Battery? battery = null)
    {
        var b = new ScenarioBuilder(6);
        b.Site("a", 4, 0.1, 0.5, 1.2, 10, [300, 320, 280, 250, 200, 210], [90, 95, 80, 60, 50, 55], [0, 0.2, 0.5, 1, 1, 0.5], 4, battery: battery);
        b.Site("b", 4, 0.1, 0.5, 1.2, 10, ScenarioBuilder.Repeat(500, 6), ScenarioBuilder.Repeat(70, 6));
        b.Job("j0", 3, 3, T0, T0.AddHours(6), ["a"]);
        b.Job("j1", 3, 3, T0, T0.AddHours(6), ["a"]);
        return b.Build();
    }

    private static GpuPool Pool(string id, int count) => new(id, "test", count, Power.FromKilowatts(0.1), Power.FromKilowatts(0.5), PowerCurve.FullPowerOnly);

    /// <summary>Runs the fixture under run-now, with <paramref name="edits"/> made after <paramref name="afterSteps"/> steps.</summary>
    private static (RunResult Run, Scenario World) RunWith(int afterSteps, params FleetEdit[] edits)
    {
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        for (var i = 0; i < afterSteps; i++) run.RunStep();
        foreach (var e in edits) run.ChangeFleet(e);
        while (!run.Finished) run.RunStep();
        return (run.Finish(), run.Scenario);
    }

    private static void AssertFinding(string rule, IReadOnlyList<string> violations) =>
        Assert.True(violations.Any(v => v.StartsWith($"[{rule}] ", StringComparison.Ordinal)), $"expected a [{rule}] finding, got: {string.Join("; ", violations)}");

    [Fact]
    public void MoreGpusInAPool_StartTheWaitingJobAtOnce_AndTheValidatorChecksEachStepAgainstItsLayout()
    {
        // Without the edit j1 waits for j0: 3 GPU-hours on 3 GPUs is one hour, so j0 runs [0, 1) and j1 [1, 2).
        var plain = PlanActLoop.Run(Fixture(), new RunNowPolicy());
        Assert.Equal([new JobRun(0, 0, 0, 0, 0, 1), new JobRun(1, 0, 0, 0, 1, 2)], plain.Log.Runs.OrderBy(r => r.Job).ToArray());
        // Grown to 8 GPUs before step 0 both start at once.
        var (run, world) = RunWith(0, new PutPool("a", Pool("p", 8)));
        Assert.Empty(run.Violations);
        Assert.Equal([new JobRun(0, 0, 0, 0, 0, 1), new JobRun(1, 0, 0, 0, 0, 1)], run.Log.Runs.OrderBy(r => r.Job).ToArray());
        // By hand: both runs do the same busy work, so the difference is four more idle GPUs at 0.1 kW × PUE 1.2 for
        // six hours.
        Assert.Equal(plain.Totals.Energy.KilowattHours + 4 * 0.1 * 1.2 * 6, run.Totals.Energy.KilowattHours, 9);
        // The validator reads the layout in force in each step: the same log against the fleet as it was is a pool
        // overfilled at step 0.
        AssertFinding("pool-capacity", RunValidator.Check(Fixture() with { Jobs = world.Jobs }, run.Log, run.Totals).Violations);
    }

    [Fact]
    public void AnEditHoldsFromTheNextStepOnly()
    {
        // Made after step 0 has run, the bigger pool holds from step 1: j1 had to wait at step 0 and starts at 1.
        var (run, world) = RunWith(1, new PutPool("a", Pool("p", 8)));
        Assert.Empty(run.Violations);
        Assert.Equal([new JobRun(0, 0, 0, 0, 0, 1), new JobRun(1, 0, 0, 0, 1, 2)], run.Log.Runs.OrderBy(r => r.Job).ToArray());
        Assert.Equal([0, 1], world.FleetHistory.Select(h => h.FromStep));
        Assert.Equal(4, world.FleetAt(0).Sites[0].Pools[0].Count);
        Assert.Equal(8, world.FleetAt(1).Sites[0].Pools[0].Count);
        // Dated a step too early, the revision gives step 0 four more idle GPUs than the traces drew.
        var early = world with { FleetHistory = [new FleetRevision(0, world.Fleet)] };
        AssertFinding("trace-facility", RunValidator.Check(early, run.Log, run.Totals, run.Sites).Violations);
    }

    [Fact]
    public void ARegisteredSite_DrawsFromItsZone_AndTakesJobsAdmittedAfter()
    {
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.RunStep();
        var c = new Site("c", "c", TimeZoneInfo.Utc, [Pool("p", 2)], PueModel.Constant(1.5), Power.FromKilowatts(5), null, null, null, "b");
        run.ChangeFleet(new RegisterSite(c));
        run.Admit(new Job("j2", "t", JobKind.Training, 2, 2, T0.AddHours(1), T0.AddHours(1), T0.AddHours(6), ["c"], false, TimeSpan.Zero, FlexibilityTier.Standard));
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        Assert.Empty(result.Violations);
        Assert.Equal(new JobRun(2, 2, 0, 0, 1, 2), result.Log.Runs.Single(r => r.Job == 2));
        // By hand: c draws nothing at step 0; from step 1 its 2 GPUs idle at 0.1 kW except at step 1 where both run at
        // 0.5 kW, × PUE 1.5, all from the grid of zone b at 500 g/kWh and 70 per MWh.
        var cKwh = (2 * 0.5 + 4 * 2 * 0.1) * 1.5;
        var c0 = result.Sites[2];
        Assert.Equal(0, c0.FacilityKw[0]);
        Assert.Equal(2 * 0.5 * 1.5, c0.FacilityKw[1], 9);
        Assert.Equal(cKwh, c0.GridKw.Sum(), 9);
        var plainKg = RunWith(1).Run.Totals.Emissions.Kilograms;
        Assert.Equal(plainKg + cKwh * 0.5, result.Totals.Emissions.Kilograms, 9);
        // Registered from step 0 instead, the site would have drawn idle power at step 0 that the traces lack.
        var world = run.Scenario with { Jobs = run.Jobs.ToArray() };
        var early = world with { FleetHistory = [new FleetRevision(0, world.Fleet)] };
        AssertFinding("trace-facility", RunValidator.Check(early, result.Log, result.Totals, result.Sites).Violations);
    }

    [Fact]
    public void ABatteryInstalledMidRun_StartsAtItsInitialCharge_AsTheValidatorRecomputes()
    {
        var battery = new Battery(Energy.FromKilowattHours(3), Power.FromKilowatts(1), Fraction.Of(0.81), Fraction.Of(0.5));
        var (run, world) = RunWith(2, new PutBattery("a", battery));
        Assert.Empty(run.Violations);
        Assert.All(run.Sites[0].BatteryKw.Take(2), kw => Assert.Equal(0, kw));
        // By hand, step 2: 2 kW of sun against 0.48 kW of idle draw; the 1.52 kW surplus charges at up to 1 kW.
        Assert.Equal(-1, run.Sites[0].BatteryKw[2], 9);
        // Dated from step 0, the battery would have charged from the morning's surplus: the recomputation differs.
        var early = world with { FleetHistory = [new FleetRevision(0, world.Fleet)] };
        AssertFinding("trace-battery", RunValidator.Check(early, run.Log, run.Totals, run.Sites).Violations);
    }

    private static Battery Battery(double kwh, double soc) => new(Energy.FromKilowattHours(kwh), Power.FromKilowatts(1), Fraction.Of(0.81), Fraction.Of(soc));

    /// <summary>Runs a fixture with a 2 kWh battery at a, half full, making <paramref name="edits"/> after
    /// <paramref name="afterSteps"/> steps; returns the charge after the edits and the validated run (traces compared).</summary>
    private static (double ChargeKwh, RunResult Run) WithBattery(int afterSteps, params FleetEdit[] edits)
    {
        var run = new SteppedRun(Fixture(Battery(2, 0.5)), new RunNowPolicy());
        for (var i = 0; i < afterSteps; i++) run.RunStep();
        foreach (var e in edits) run.ChangeFleet(e);
        var charge = run.Observation.BatteryState(0).KilowattHours;
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        Assert.Empty(result.Violations);
        return (charge, result);
    }

    [Fact]
    public void BatteryEdits_MadeBeforeOneStep_AreOneChange_AsTheValidatorRecomputes()
    {
        // Before step 0 the scenario's battery is replaced: it starts at the new one's initial charge (0.2 × 2 kWh).
        Assert.Equal(0.4, WithBattery(0, new PutBattery("a", Battery(2, 0.2))).ChargeKwh, 12);
        // Mid-run, a battery that was there keeps its charge: by hand, step 0 draws it empty (0.9 kWh out at √0.81),
        // step 1 has no surplus, steps 2 and 3 each charge 1 kW × 0.9, so after 4 steps it holds 1.8 kWh...
        var (held, _) = WithBattery(4);
        Assert.Equal(1.8, held, 9);
        Assert.Equal(held, WithBattery(4, new PutBattery("a", Battery(3, 0.1))).ChargeKwh, 12);
        // ... up to a smaller capacity, and shrunk and restored before the same step it has lost nothing.
        Assert.Equal(0.5, WithBattery(4, new PutBattery("a", Battery(0.5, 0.1))).ChargeKwh, 12);
        Assert.Equal(held, WithBattery(4, new PutBattery("a", Battery(0.5, 0.1)), new PutBattery("a", Battery(2, 0.5))).ChargeKwh, 12);
        // A battery installed mid-run and replaced before the next step starts at the second one's initial charge.
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.RunStep();
        run.ChangeFleet(new PutBattery("a", Battery(3, 0.5)));
        run.ChangeFleet(new PutBattery("a", Battery(4, 0.25)));
        Assert.Equal(1, run.Observation.BatteryState(0).KilowattHours, 12);
        while (!run.Finished) run.RunStep();
        Assert.Empty(run.Finish().Violations);
    }

    [Fact]
    public void ARunningFleet_HasAtMost200SitesAnd1000Pools()
    {
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        Site Site(string id, int pools) => new(id, id, TimeZoneInfo.Utc, Enumerable.Range(0, pools).Select(p => Pool($"p{p}", 1)).ToArray(),
            PueModel.Constant(1.2), Power.FromKilowatts(100), null, null, null, "b");
        for (var i = 0; i < 198; i++) run.ChangeFleet(new RegisterSite(Site($"s{i}", 1)));
        var e = Assert.Throws<FleetEditException>(() => run.ChangeFleet(new RegisterSite(Site("one-too-many", 1))));
        Assert.Equal(("id", true), (e.ParamName, e.Conflict));
        // 200 sites hold 200 pools; 800 more fit, one beyond does not.
        run.ChangeFleet(new PutPool("a", Pool("q0", 1)));
        for (var p = 1; p < 800; p++) run.ChangeFleet(new PutPool("s0", Pool($"q{p}", 1)));
        Assert.Equal(1000, run.Scenario.Sites.Sum(s => s.Pools.Count));
        e = Assert.Throws<FleetEditException>(() => run.ChangeFleet(new PutPool("s1", Pool("q", 1))));
        Assert.Equal(("pools", true), (e.ParamName, e.Conflict));
        // Changing a pool of a full fleet is still taken.
        run.ChangeFleet(new PutPool("s1", Pool("p0", 2)));
    }

    [Fact]
    public void ACheckedEdit_IsRefused_AfterAStepOrAnotherEdit()
    {
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        var first = run.CheckFleetEdit(new PutPool("a", Pool("p", 8)));
        var second = run.CheckFleetEdit(new PutPool("b", Pool("p", 8)));
        run.ChangeFleet(first);
        Assert.Throws<InvalidOperationException>(() => run.ChangeFleet(second));
        var stale = run.CheckFleetEdit(new PutPool("b", Pool("p", 8)));
        run.RunStep();
        Assert.Throws<InvalidOperationException>(() => run.ChangeFleet(stale));
        Assert.Equal(4, run.Scenario.Sites[1].Pools[0].Count);
    }

    [Fact]
    public void ARunOnASiteOrPoolBeforeItsRevision_BreaksStretch_AndPoolCapacity()
    {
        // j2 ran at c in step 1, the step c joined; dated a step later, c did not exist when the stretch began.
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.RunStep();
        run.ChangeFleet(new RegisterSite(new Site("c", "c", TimeZoneInfo.Utc, [Pool("p", 2)], PueModel.Constant(1.5), Power.FromKilowatts(5), null, null, null, "b")));
        run.Admit(new Job("j2", "t", JobKind.Training, 2, 2, T0.AddHours(1), T0.AddHours(1), T0.AddHours(6), ["c"], false, TimeSpan.Zero, FlexibilityTier.Standard));
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        var world = run.Scenario with { Jobs = run.Jobs.ToArray() };
        Assert.Empty(RunValidator.Check(world, result.Log, result.Totals).Violations);
        var late = world with { FleetHistory = [world.FleetHistory[0], new FleetRevision(2, world.Fleet)] };
        var found = RunValidator.Check(late, result.Log, result.Totals).Violations;
        AssertFinding("stretch", found);
        Assert.DoesNotContain(found, v => v.StartsWith("[work]", StringComparison.Ordinal));
    }

    [Fact]
    public void APueOrPoolDrawChange_RepricesTheSiteFromTheNextStep()
    {
        // The 3-hour job at b runs [0, 3): from step 1 b's PUE is 1.5 and its GPUs draw 0.6 kW busy, 0.2 kW idle.
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.Admit(new Job("long", "t", JobKind.Training, 3, 9, T0, T0, T0.AddHours(6), ["b"], false, TimeSpan.Zero, FlexibilityTier.Standard));
        run.RunStep();
        run.ChangeFleet(new UpdateSite("b", null, null, PueModel.Constant(1.5)));
        run.ChangeFleet(new PutPool("b", new GpuPool("p", "test", 4, Power.FromKilowatts(0.2), Power.FromKilowatts(0.6), PowerCurve.FullPowerOnly)));
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        Assert.Empty(result.Violations);
        var b = result.Sites[1];
        Assert.Equal((4 * 0.1 + 3 * 0.4) * 1.2, b.FacilityKw[0], 9);
        Assert.Equal((4 * 0.2 + 3 * 0.4) * 1.5, b.FacilityKw[1], 9);
        Assert.Equal(4 * 0.2 * 1.5, b.FacilityKw[3], 9);
        // Checked against the layout before the edits, every step from 1 on draws more than the recomputation.
        var world = run.Scenario with { Jobs = run.Jobs.ToArray() };
        var old = world with { FleetHistory = [world.FleetHistory[0]] };
        AssertFinding("trace-facility", RunValidator.Check(old, result.Log, result.Totals, result.Sites).Violations);
    }

    [Fact]
    public void InferenceOnAPoolAddedMidRun_IsCheckedAgainstTheLayoutOfItsStep()
    {
        // Region r needs 3 GPUs at a, whose one pool has 2: from step 1 a second pool of 2 serves the rest.
        var b = new ScenarioBuilder(4);
        b.Site("a", 2, 0.1, 0.5, 1.2, 10, ScenarioBuilder.Repeat(300, 4), ScenarioBuilder.Repeat(90, 4));
        b.Inference("r", ScenarioBuilder.Repeat(3, 4), "a");
        var run = new SteppedRun(b.Build(), new RunNowPolicy());
        run.RunStep();
        run.ChangeFleet(new PutPool("a", Pool("q", 2)));
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        Assert.Empty(result.Violations);
        Assert.Equal(0, result.Log.Served(0, 0, 1, 0));
        Assert.Equal(1, result.Log.Served(0, 0, 1, 1), 9);
        // By hand: 1 GPU-hour unserved in step 0 of the 12 asked for.
        Assert.Equal(1.0 / 12, result.Totals.InferenceUnserved.Value, 9);
        var world = run.Scenario;
        var late = world with { FleetHistory = [world.FleetHistory[0], new FleetRevision(2, world.Fleet)] };
        AssertFinding("pool-capacity", RunValidator.Check(late, result.Log, result.Totals).Violations);
    }

    [Fact]
    public void AReratedPlant_ScalesItsOutputFromTheNextStep()
    {
        var (run, world) = RunWith(3, new PutPlant("a", PlantKind.Solar, Power.FromKilowatts(8)));
        Assert.Empty(run.Violations);
        var before = Fixture().Signals;
        for (var t = 0; t < 6; t++)
            Assert.Equal(before.Generation(0, t).Kilowatts * (t < 3 ? 1 : 2), world.Signals.Generation(0, t).Kilowatts, 12);
        Assert.Equal(8, world.Sites[0].Solar!.Capacity.Kilowatts);
        var none = Assert.Throws<FleetEditException>(() => new SteppedRun(Fixture(), new RunNowPolicy()).ChangeFleet(new PutPlant("b", PlantKind.Solar, Power.FromKilowatts(1))));
        Assert.Equal("kind", none.ParamName);
    }

    [Fact]
    public void ATariff_PricesTheSiteFromTheNextStep()
    {
        var tariff = new TouTariff(TimeZoneInfo.Utc, [new TouPeriod(TimeSpan.Zero, TimeSpan.FromHours(24), TouBand.Flat)],
            new Dictionary<TouBand, EnergyPrice> { [TouBand.Flat] = EnergyPrice.PerMwh(1000, Currency.Cny) });
        var (run, world) = RunWith(2, new PutTariff("a", tariff));
        Assert.Empty(run.Violations);
        var expected = Enumerable.Range(0, 6).Sum(t => run.Sites[0].GridKw[t] / 1000 * (t < 2 ? new[] { 90.0, 95 }[t] : 1000)
            + run.Sites[1].GridKw[t] / 1000 * 70);
        Assert.Equal(expected, run.Totals.Cost.Amount, 9);
        var usd = new TouTariff(TimeZoneInfo.Utc, tariff.Periods, new Dictionary<TouBand, EnergyPrice> { [TouBand.Flat] = EnergyPrice.PerMwh(10, Currency.Usd) });
        Assert.Equal("currency", Assert.Throws<FleetEditException>(() => new SteppedRun(Fixture(), new RunNowPolicy()).ChangeFleet(new PutTariff("a", usd))).ParamName);
    }

    [Fact]
    public void EditsTheFleetCannotTake_AreRefusedByName_AndChangeNothing()
    {
        // A 3-hour job on 3 of b's 4 GPUs holds them across the edits.
        var longJob = new Job("long", "t", JobKind.Training, 3, 9, T0, T0, T0.AddHours(6), ["b"], false, TimeSpan.Zero, FlexibilityTier.Standard);
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.Admit(longJob);
        run.RunStep();
        void Refused(string field, bool conflict, FleetEdit edit)
        {
            var e = Assert.Throws<FleetEditException>(() => run.ChangeFleet(edit));
            Assert.Equal(field, e.ParamName);
            Assert.Equal(conflict, e.Conflict);
        }
        Refused("count", true, new PutPool("b", Pool("p", 2)));
        // (4 × 0.1 idle + 3 × 0.4 busy) kW × PUE 1.2 = 1.92 kW: a limit of 1.9 kW cannot carry it, 1.93 kW can.
        Refused("grid_limit_kw", true, new UpdateSite("b", null, Power.FromKilowatts(1.9), null));
        Refused("count", false, new PutPool("a", Pool("q", 100)));
        Refused("power_curve", false, new PutPool("a", new GpuPool("p", "test", 4, Power.FromKilowatts(0.1), Power.FromKilowatts(0.5),
            new PowerCurve([new PowerLevel(0.5, 0.7, 0.5), new PowerLevel(1, 1, 1)]))));
        Refused("grid_zone", false, new RegisterSite(new Site("c", "c", TimeZoneInfo.Utc, [Pool("p", 1)], PueModel.Constant(1.2), Power.FromKilowatts(5), null, null, null, "nowhere")));
        Refused("id", true, new RegisterSite(new Site("a", "a", TimeZoneInfo.Utc, [Pool("p", 1)], PueModel.Constant(1.2), Power.FromKilowatts(5), null, null, null, "b")));
        var unknown = Assert.Throws<FleetEditException>(() => run.ChangeFleet(new UpdateSite("zz", "x", null, null)));
        Assert.True(unknown.UnknownSite);
        // Nothing changed: the run goes on exactly as one never edited.
        var plainRun = new SteppedRun(Fixture(), new RunNowPolicy());
        plainRun.Admit(longJob);
        foreach (var r in new[] { run, plainRun }) while (!r.Finished) r.RunStep();
        var (result, plain) = (run.Finish(), plainRun.Finish());
        Assert.Empty(result.Violations);
        Assert.Empty(run.Scenario.FleetHistory);
        Assert.Equal(plain.Log.Runs, result.Log.Runs);
        Assert.Equal(plain.Totals.Energy, result.Totals.Energy);
    }

    [Fact]
    public void ALimitThatCarriesTheRunningLoad_IsTaken()
    {
        var run = new SteppedRun(Fixture(), new RunNowPolicy());
        run.Admit(new Job("long", "t", JobKind.Training, 3, 9, T0, T0, T0.AddHours(6), ["b"], false, TimeSpan.Zero, FlexibilityTier.Standard));
        run.RunStep();
        run.ChangeFleet(new UpdateSite("b", "b2", Power.FromKilowatts(1.93), null));
        while (!run.Finished) run.RunStep();
        var result = run.Finish();
        Assert.Empty(result.Violations);
        Assert.Equal(1.93, run.Scenario.Sites[1].GridLimit.Kilowatts, 12);
        Assert.Equal("b2", run.Scenario.Sites[1].Name);
        Assert.Equal(10, run.Scenario.FleetAt(0).Sites[1].GridLimit.Kilowatts, 12);
    }
}
