using Tandem.Signals;
using Tandem.Actuation;
using Tandem.Forecasting;
using Tandem.Time;
using Tandem.Scenarios;

namespace Tandem.Planning;

/// <summary>The signals a planner sees over steps [Offset, Offset + Steps): per site carbon intensity, price,
/// carbon-free share, on-site generation and PUE, and per region online demand. Built from the actual series (the
/// perfect-foresight yardstick) or from forecasts (what an online policy knows).</summary>
public sealed class PlanningWindow
{
    private PlanningWindow(int offset, int steps, int sites, int regions)
    {
        Offset = offset;
        Steps = steps;
        GramsPerKwh = New(sites, steps);
        PricePerMwh = New(sites, steps);
        CarbonFree = New(sites, steps);
        GenKw = New(sites, steps);
        Pue = New(sites, steps);
        InferenceGpus = New(regions, steps);
    }

    /// <summary>First absolute grid step.</summary>
    public int Offset { get; }
    /// <summary>Number of steps.</summary>
    public int Steps { get; }
    /// <summary>Average carbon intensity, g/kWh: [site][step − Offset].</summary>
    public double[][] GramsPerKwh { get; }
    /// <summary>Price per MWh in the scenario currency.</summary>
    public double[][] PricePerMwh { get; }
    /// <summary>Carbon-free share of grid power, 0..1.</summary>
    public double[][] CarbonFree { get; }
    /// <summary>On-site renewable output, kW.</summary>
    public double[][] GenKw { get; }
    /// <summary>PUE.</summary>
    public double[][] Pue { get; }
    /// <summary>Online demand, GPUs: [region][step − Offset].</summary>
    public double[][] InferenceGpus { get; }

    /// <summary>The actual signals: perfect foresight (the oracle a yardstick plans on).</summary>
    public static PlanningWindow Actual(Scenario scenario, int offset, int steps)
    {
        var w = new PlanningWindow(offset, steps, scenario.Sites.Count, scenario.Inference.Count);
        var sig = scenario.Signals;
        for (var s = 0; s < scenario.Sites.Count; s++)
            for (var t = 0; t < steps; t++)
            {
                var step = offset + t;
                w.GramsPerKwh[s][t] = sig.Carbon(s, step).GramsPerKilowattHour;
                w.PricePerMwh[s][t] = sig.Price(s, step).PerMegawattHour;
                w.CarbonFree[s][t] = sig.CarbonFree(s, step).Value;
                w.GenKw[s][t] = sig.Generation(s, step).Kilowatts;
                w.Pue[s][t] = sig.Pue(s, step);
            }
        for (var r = 0; r < scenario.Inference.Count; r++)
            for (var t = 0; t < steps; t++) w.InferenceGpus[r][t] = sig.InferenceGpus(r, offset + t);
        return w;
    }

    /// <summary>Forecast signals issued at the start of the observation's current step: that step's values are known
    /// (a nowcast); every later one comes from <paramref name="forecaster"/>, which is shown only the history the
    /// <paramref name="signals"/> view holds, which ends with the current step.</summary>
    public static PlanningWindow Forecast(FleetObservation fleet, SignalView signals, int steps, IForecaster forecaster)
    {
        var w = new PlanningWindow(fleet.Step, steps, fleet.Sites.Count, fleet.Regions.Count);
        var perDay = Math.Max(1, (int)Math.Round(TimeSpan.FromDays(1) / fleet.Period.Step));
        var knownAhead = new Dictionary<(string, TimeGrid), IReadOnlyDictionary<string, PublishedForecast>>();
        for (var s = 0; s < fleet.Sites.Count; s++)
        {
            var id = fleet.Sites[s].Id;
            Put(id, SignalKind.Carbon, w.GramsPerKwh[s]);
            Put(id, SignalKind.Price, w.PricePerMwh[s]);
            Put(id, SignalKind.CarbonFree, w.CarbonFree[s]);
            Put(id, SignalKind.Generation, w.GenKw[s]);
            Put(id, SignalKind.Pue, w.Pue[s]);
        }
        for (var r = 0; r < fleet.Regions.Count; r++) Put(fleet.Regions[r].Region, SignalKind.Inference, w.InferenceGpus[r]);
        return w;

        // A zone's known-ahead series, once per span: every signal of a site reads the same ones.
        IReadOnlyDictionary<string, PublishedForecast> KnownAhead(string zone, TimeGrid over) =>
            knownAhead.TryGetValue((zone, over), out var k) ? k : knownAhead[(zone, over)] = signals.KnownAhead(zone, over);

        void Put(string zone, SignalKind kind, double[] target)
        {
            var history = signals.History(zone, kind);
            if (history is null || history.Values.Count == 0) return; // the source has no such signal: zeros
            target[0] = history.Values[history.Values.Count - 1];
            var over = new TimeGrid(history.Grid.Start, history.Grid.Step, history.Values.Count + steps - 1);
            var f = forecaster.Forecast(new SignalKey(kind, zone), history, steps - 1, perDay, KnownAhead(zone, over), signals.Published(zone, kind, over));
            for (var t = 1; t < steps; t++) target[t] = f[t - 1];
        }
    }

    private static double[][] New(int rows, int steps) => Enumerable.Range(0, rows).Select(_ => new double[steps]).ToArray();
}
