using Tandem.Signals;
using Tandem.Forecasting;
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

    /// <summary>The actual signals: perfect foresight.</summary>
    public static PlanningWindow Actual(Scenario scenario, int offset, int steps)
    {
        var w = new PlanningWindow(offset, steps, scenario.Sites.Count, scenario.Inference.Count);
        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            var site = scenario.Sites[s];
            for (var t = 0; t < steps; t++) w.Fill(s, t, scenario, offset + t);
        }
        for (var r = 0; r < scenario.Inference.Count; r++)
            for (var t = 0; t < steps; t++) w.InferenceGpus[r][t] = scenario.Inference[r].GpusNeeded[offset + t];
        return w;
    }

    /// <summary>Forecast signals issued at the start of step <paramref name="offset"/>: that step's values are known
    /// (a nowcast); every later one comes from <paramref name="forecaster"/>, which is only ever shown the values
    /// up to and including step <paramref name="offset"/> (after the grid history before the start, where the
    /// scenario gives one).</summary>
    public static PlanningWindow Forecast(Scenario scenario, int offset, int steps, IForecaster forecaster)
    {
        var w = new PlanningWindow(offset, steps, scenario.Sites.Count, scenario.Inference.Count);
        var perDay = Math.Max(1, (int)Math.Round(TimeSpan.FromDays(1) / scenario.Grid.Step));
        var known = offset + 1;
        for (var s = 0; s < scenario.Sites.Count; s++)
        {
            var site = scenario.Sites[s];
            var before = site.Signals.History;
            var pastCarbon = before?.AverageIntensity?.Values.ToArray().Select(v => v.GramsPerKilowattHour).ToArray();
            var pastPrice = before?.Price?.Values.ToArray().Select(v => v.PerMegawattHour).ToArray();
            var pastCfe = before?.CarbonFreeShare?.Values.ToArray().Select(v => v.Value).ToArray();
            Put(new(SignalKind.Carbon, s), w.GramsPerKwh[s], Known(pastCarbon, known, i => site.Signals.AverageIntensity[i].GramsPerKilowattHour));
            Put(new(SignalKind.Price, s), w.PricePerMwh[s], Known(pastPrice, known, i => site.Signals.Price[i].PerMegawattHour));
            Put(new(SignalKind.CarbonFree, s), w.CarbonFree[s], Known(pastCfe, known, i => site.Signals.CarbonFreeShare?[i].Value ?? 0));
            Put(new(SignalKind.Generation, s), w.GenKw[s], Known(null, known, i => site.RenewableOutputAt(i).Kilowatts));
            Put(new(SignalKind.Pue, s), w.Pue[s], Known(null, known, site.Pue.At));
        }
        for (var r = 0; r < scenario.Inference.Count; r++)
        {
            var d = scenario.Inference[r];
            Put(new(SignalKind.Inference, r), w.InferenceGpus[r], Known(null, known, i => d.GpusNeeded[i]));
        }
        return w;

        void Put(SignalKey key, double[] target, double[] history)
        {
            target[0] = history[^1];
            var f = forecaster.Forecast(key, history, steps - 1, perDay);
            for (var t = 1; t < steps; t++) target[t] = f[t - 1];
        }
    }

    /// <summary>The values before the start (if any), then steps 0 … count − 1.</summary>
    private static double[] Known(double[]? before, int count, Func<int, double> at)
    {
        var lead = before?.Length ?? 0;
        var v = new double[lead + count];
        before?.CopyTo(v, 0);
        for (var i = 0; i < count; i++) v[lead + i] = at(i);
        return v;
    }

    private void Fill(int s, int t, Scenario scenario, int step)
    {
        var site = scenario.Sites[s];
        GramsPerKwh[s][t] = site.Signals.AverageIntensity[step].GramsPerKilowattHour;
        PricePerMwh[s][t] = site.Signals.Price[step].PerMegawattHour;
        CarbonFree[s][t] = site.Signals.CarbonFreeShare?[step].Value ?? 0;
        GenKw[s][t] = site.RenewableOutputAt(step).Kilowatts;
        Pue[s][t] = site.Pue.At(step);
    }

    private static double[][] New(int rows, int steps) => Enumerable.Range(0, rows).Select(_ => new double[steps]).ToArray();
}
