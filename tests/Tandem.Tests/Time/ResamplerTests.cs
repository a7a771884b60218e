using FsCheck.Xunit;
using Tandem.Time;

namespace Tandem.Tests.Time;

public class ResamplerTests
{
    private static readonly DateTimeOffset T0 = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void QuarterHours_ToHours_AreTimeWeightedMeans()
    {
        var times = Enumerable.Range(0, 8).Select(i => T0.AddMinutes(15 * i)).ToList();
        double[] kw = [0, 4, 8, 12, 1, 1, 1, 1];
        var grid = new TimeGrid(T0, TimeSpan.FromHours(1), 2);
        var r = Resampler.Resample(times, kw, TimeSpan.FromMinutes(15), grid, TimeSpan.Zero);
        Assert.Empty(r.Problems);
        Assert.Equal([6.0, 1.0], r.Values!);
    }

    [Fact]
    public void Hours_ToQuarterHours_RepeatEachHour()
    {
        var times = new List<DateTimeOffset> { T0, T0.AddHours(1) };
        var grid = new TimeGrid(T0, TimeSpan.FromMinutes(15), 8);
        var r = Resampler.Resample(times, [100.0, 200.0], TimeSpan.FromHours(1), grid, TimeSpan.Zero);
        Assert.Equal([100.0, 100, 100, 100, 200, 200, 200, 200], r.Values!);
    }

    [Fact]
    public void Gap_IsReportedWithItsInstant_UnlessWithinTheAllowedFill()
    {
        var times = new List<DateTimeOffset> { T0, T0.AddHours(1), T0.AddHours(3) };
        var grid = new TimeGrid(T0, TimeSpan.FromHours(1), 4);
        var r = Resampler.Resample(times, [1.0, 2, 3], TimeSpan.FromHours(1), grid, TimeSpan.Zero);
        Assert.Null(r.Values);
        Assert.Contains(r.Problems, p => p.Contains("2020-06-01T02:00:00", StringComparison.Ordinal));
        var filled = Resampler.Resample(times, [1.0, 2, 3], TimeSpan.FromHours(1), grid, TimeSpan.FromHours(1));
        Assert.Equal([1.0, 2, 2, 3], filled.Values!);
    }

    [Fact]
    public void DataNotSpanningThePeriod_IsReported()
    {
        var times = new List<DateTimeOffset> { T0.AddHours(1), T0.AddHours(2) };
        var r = Resampler.Resample(times, [1.0, 2], TimeSpan.FromHours(1), new TimeGrid(T0, TimeSpan.FromHours(1), 3), TimeSpan.Zero);
        Assert.Null(r.Values);
        Assert.Contains("does not span", r.Problems[0], StringComparison.Ordinal);
    }

    /// <summary>Energy in = energy out: for any power series on any source step and any target step, the energy over
    /// the period is the same before and after resampling.</summary>
    [Property(MaxTest = 200)]
    public void Resampling_ConservesEnergy(int seed)
    {
        var rng = new Random(seed);
        int[] stepsMinutes = [5, 15, 30, 60, 120];
        var src = TimeSpan.FromMinutes(stepsMinutes[rng.Next(stepsMinutes.Length)]);
        var dst = TimeSpan.FromMinutes(stepsMinutes[rng.Next(stepsMinutes.Length)]);
        var hours = 2 * (1 + rng.Next(24));
        var grid = new TimeGrid(T0, dst, (int)(TimeSpan.FromHours(hours) / dst));
        var n = (int)(TimeSpan.FromHours(hours) / src);
        var times = Enumerable.Range(0, n).Select(i => T0 + src * i).ToList();
        var kw = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 1000).ToArray();
        var r = Resampler.Resample(times, kw, src, grid, TimeSpan.Zero);
        Assert.NotNull(r.Values);
        var before = kw.Sum() * src.TotalHours;
        var after = r.Values!.Sum() * dst.TotalHours;
        Assert.Equal(before, after, 6);
    }
}
