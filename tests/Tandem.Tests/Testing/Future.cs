using Tandem.Scenarios;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Tests.Testing;

/// <summary>Rewrites a scenario's future: every signal after step k (carbon intensity, price, carbon-free share, on-site
/// output, temperature, inference demand), every value of a series published ahead (day-ahead forecasts) that is
/// published after step k begins, and every job released after step k (its size, sites, deadline and release time),
/// and adds a job. What a policy decided up to step k must not change when only this changes.</summary>
public static class Future
{
    public static Scenario Alter(Scenario s, int k)
    {
        var g = s.Grid;
        var signals = Enumerable.Range(0, s.Sites.Count).Select(i =>
        {
            var x = s.Signals.Site(i);
            return x with
            {
                AverageIntensity = After(x.AverageIntensity, k, v => CarbonIntensity.FromGramsPerKilowattHour(1000 - v.GramsPerKilowattHour % 900)),
                Price = After(x.Price, k, v => EnergyPrice.PerMwh(500 - v.PerMegawattHour, v.Currency)),
                CarbonFreeShare = x.CarbonFreeShare is null ? null : After(x.CarbonFreeShare, k, v => Fraction.Of(1 - v.Value)),
                Generation = x.Generation is null ? null : After(x.Generation, k, v => Power.FromKilowatts(v.Kilowatts > 0.1 ? 0 : 3)),
                TemperatureC = x.TemperatureC is null ? null : After(x.TemperatureC, k, v => 45 - v),
                KnownAhead = x.KnownAhead.Select(a => a with { Values = PublishedAfter(a, g.TimeAt(k), v => 3 * v + 17) }).ToArray(),
            };
        }).ToArray();
        var demand = Enumerable.Range(0, s.Inference.Count).Select(r =>
            After(new Series<double>(g, Enumerable.Range(0, g.Count).Select(t => s.Signals.InferenceGpus(r, t)).ToArray()), k, v => v > 1 ? 0.2 : 3.5)).ToArray();
        // Later jobs change in every way, arrive a step later (still after k), and one more job arrives.
        var jobs = s.Jobs.Select(j => g.CeilingIndex(j.EarliestStart) <= k ? j
            : new Job(j.Id, j.Tenant, j.Kind, j.Gpus == 1 ? 2 : 1, j.WorkGpuHours * 1.7, j.Submit + g.Step, j.EarliestStart + g.Step, j.Deadline + TimeSpan.FromHours(3),
                j.AllowedSites.Reverse().ToArray(), !j.Interruptible, j.CheckpointOverhead, j.Tier)).ToList();
        var at = g.TimeAt(Math.Min(k + 1, g.Count - 1));
        jobs.Add(new Job("future-extra", "t", JobKind.Training, 1, 3, at, at, at + TimeSpan.FromHours(6), s.Sites.Select(x => x.Id).ToArray(), true,
            TimeSpan.Zero, FlexibilityTier.Standard));
        return s with { Jobs = jobs.ToArray(), Signals = new ScenarioSignals(g, s.Sites, signals, s.Inference, demand, s.Signals.HistoryGrid) };
    }

    /// <summary>The series with every value published after <paramref name="now"/> changed.</summary>
    public static Series<double> PublishedAfter(KnownAhead a, DateTimeOffset now, Func<double, double> change) =>
        new(a.Values.Grid, a.Values.Values.ToArray().Select((v, i) => a.IssuedAt(a.Values.Grid.TimeAt(i)) > now ? change(v) : v).ToArray());

    private static Series<T> After<T>(Series<T> x, int k, Func<T, T> change) =>
        new(x.Grid, x.Values.ToArray().Select((v, i) => i > k ? change(v) : v).ToArray());
}
