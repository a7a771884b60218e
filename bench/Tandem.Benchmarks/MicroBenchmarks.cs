using BenchmarkDotNet.Attributes;
using Tandem.Time;

namespace Tandem.Benchmarks;

/// <summary>Micro figures: resampling a year of quarter-hours to hours, beside the same data hour to quarter-hours.</summary>
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private readonly List<DateTimeOffset> _times = [];
    private double[] _values = [];
    private static readonly DateTimeOffset T0 = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (var i = 0; i < 35040; i++) _times.Add(T0.AddMinutes(15 * i));
        _values = _times.Select(_ => rng.NextDouble() * 500).ToArray();
    }

    [Benchmark(Baseline = true)]
    public double[]? QuarterHoursToHours() =>
        Resampler.Resample(_times, _values, TimeSpan.FromMinutes(15), new TimeGrid(T0, TimeSpan.FromHours(1), 8760), TimeSpan.Zero).Values;

    [Benchmark]
    public double[]? QuarterHoursToFiveMinutes() =>
        Resampler.Resample(_times, _values, TimeSpan.FromMinutes(15), new TimeGrid(T0, TimeSpan.FromMinutes(5), 105120), TimeSpan.Zero).Values;
}
