using Tandem.Actuation;
using Tandem.Scenarios;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Simulation;

/// <summary>Books what happened in each step of one run: energy by source, emissions, cost, green energy, job
/// outcomes and online demand, plus per-site traces for charts.</summary>
internal sealed class RunAccumulator
{
    private Scenario _scenario;
    private double _facility, _onsite, _battery, _grid, _curtailed, _emissionsG, _marginalG, _cost, _green, _transfer;
    private bool _hasMarginal = true;
    private int _completed, _lateDone;
    private double _delayHours;
    private double _demandGpuHours, _unservedGpuHours;

    public RunAccumulator(Scenario scenario)
    {
        _scenario = scenario;
        SiteScratch = new double[scenario.Sites.Count];
        Traces = scenario.Sites.Select(s => new SiteTrace(s.Id, scenario.Grid.Count)).ToArray();
        _hasMarginal = scenario.Signals.HasMarginal;
    }

    public double[] SiteScratch { get; private set; }
    public SiteTrace[] Traces { get; private set; }

    /// <summary>Books from now on in a changed world (a fleet edit): its signals, and a trace for each new site, zero
    /// before it joined.</summary>
    public void Reconfigure(Scenario world)
    {
        _scenario = world;
        _hasMarginal &= world.Signals.HasMarginal;
        SiteScratch = new double[world.Sites.Count];
        Traces = [.. Traces, .. world.Sites.Skip(Traces.Length).Select(s => new SiteTrace(s.Id, world.Grid.Count))];
    }

    public void Site(int s, int step, StepDispatch d)
    {
        var (facilityKwh, onsiteKwh, dischargedKwh, chargedKwh, gridKwh, curtailedKwh) = d;
        var sig = _scenario.Signals;
        var h = _scenario.Grid.StepHours;
        _facility += facilityKwh;
        _onsite += onsiteKwh;
        _battery += dischargedKwh;
        _grid += gridKwh;
        _curtailed += curtailedKwh;
        _emissionsG += gridKwh * sig.Carbon(s, step).GramsPerKilowattHour;
        if (sig.Marginal(s, step) is { } m) _marginalG += gridKwh * m.GramsPerKilowattHour;
        _cost += gridKwh / 1000.0 * sig.Price(s, step).PerMegawattHour;
        _green += onsiteKwh + dischargedKwh + gridKwh * sig.CarbonFree(s, step).Value;
        var t = Traces[s];
        t.FacilityKw[step] = facilityKwh / h;
        t.GridKw[step] = gridKwh / h;
        t.OnsiteKw[step] = onsiteKwh / h;
        t.BatteryKw[step] = (dischargedKwh - chargedKwh) / h;
    }

    /// <summary>Network energy of moving jobs' data away from site <paramref name="s"/>, booked on its grid.</summary>
    public void Transfer(int s, int step, double kwh)
    {
        var sig = _scenario.Signals;
        _transfer += kwh;
        _grid += kwh;
        _emissionsG += kwh * sig.Carbon(s, step).GramsPerKilowattHour;
        if (sig.Marginal(s, step) is { } m) _marginalG += kwh * m.GramsPerKilowattHour;
        _cost += kwh / 1000.0 * sig.Price(s, step).PerMegawattHour;
        _green += kwh * sig.CarbonFree(s, step).Value;
    }

    public void JobDone(Job job, DateTimeOffset finish)
    {
        _completed++;
        if (finish > job.Deadline) _lateDone++;
        _delayHours += Math.Max(0, (finish - job.EarliestStart - job.FullPowerRuntime).TotalHours);
    }

    public void Inference(double demandGpuHours, double unservedGpuHours)
    {
        _demandGpuHours += demandGpuHours;
        _unservedGpuHours += unservedGpuHours;
    }

    public RunResult Finish(string policy, FleetState state, double wallSeconds)
    {
        var end = _scenario.Grid.End;
        var unfinishedLate = 0;
        var unfinished = 0;
        var unfinishedWork = 0.0;
        for (var j = 0; j < state.JobCount; j++)
        {
            if (state.StatusOf(j) is JobStatus.Done or JobStatus.Cancelled) continue;
            unfinished++;
            unfinishedWork += state.RemainingOf(j);
            if (state.JobAt(j).Deadline <= end) unfinishedLate++;
        }
        var c = _scenario.Currency;
        var totals = new RunTotals(
            policy,
            Energy.FromKilowattHours(_facility + _transfer), Energy.FromKilowattHours(_onsite), Energy.FromKilowattHours(_battery),
            Energy.FromKilowattHours(_grid), Energy.FromKilowattHours(_curtailed),
            Emissions.FromGrams(_emissionsG), _hasMarginal ? Emissions.FromGrams(_marginalG) : null,
            Money.Of(_cost, c),
            _facility + _transfer > 0 ? Fraction.Clamped(_green / (_facility + _transfer)) : Fraction.Zero,
            state.JobCount, _completed, _lateDone + unfinishedLate, unfinished,
            _completed > 0 ? _delayHours / _completed : 0,
            _demandGpuHours > 0 ? Fraction.Clamped(_unservedGpuHours / _demandGpuHours) : Fraction.Zero,
            wallSeconds)
        {
            TransferEnergy = Energy.FromKilowattHours(_transfer),
            UnfinishedWorkGpuHours = unfinishedWork,
            GreenEnergy = Energy.FromKilowattHours(_green),
            InferenceUnservedGpuHours = _unservedGpuHours,
        };
        return new RunResult(totals, Traces, state.Log);
    }
}
