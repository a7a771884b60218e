namespace Tandem.Time;

/// <summary>Puts irregular or differently stepped samples onto a grid, on ingestion. Each sample holds from its
/// timestamp until the next sample (or for the source step after the last), and a target step takes the
/// time-weighted mean of what overlaps it. For a power series this conserves energy exactly; for an intensity or a
/// price it is the time-weighted average. Gaps longer than the allowed fill are errors that name the instant.</summary>
public static class Resampler
{
    /// <summary>Resamples <paramref name="times"/> (UTC, strictly increasing) and <paramref name="values"/> onto
    /// <paramref name="grid"/>. <paramref name="sourceStep"/> is the native step of the source; a missing stretch of
    /// at most <paramref name="maxFill"/> is filled by holding the last value, a longer one is reported.</summary>
    public static ResampleResult Resample(
        IReadOnlyList<DateTimeOffset> times, IReadOnlyList<double> values, TimeSpan sourceStep, TimeGrid grid, TimeSpan maxFill)
    {
        if (times.Count != values.Count) throw new ArgumentException("times and values differ in length.");
        var result = new double[grid.Count];
        var covered = new double[grid.Count]; // seconds of each target step covered by source samples
        var problems = new List<string>();
        var gridStart = grid.Start;
        var gridEnd = grid.End;
        var stepSeconds = grid.Step.TotalSeconds;

        if (times.Count == 0 || times[0] > gridStart || times[^1] + sourceStep < gridEnd)
        {
            var first = times.Count == 0 ? "none" : times[0].ToString("O");
            var last = times.Count == 0 ? "none" : (times[^1] + sourceStep).ToString("O");
            problems.Add($"data covers {first} to {last}, which does not span the period {gridStart:O} to {gridEnd:O}");
            return new ResampleResult(null, problems);
        }

        for (var k = 0; k < times.Count; k++)
        {
            var s = times[k];
            var e = k + 1 < times.Count ? times[k + 1] : s + sourceStep;
            if (e <= s)
            {
                problems.Add($"timestamps are not increasing at {s:O}");
                if (problems.Count > 20) break;
                continue;
            }
            if (e - s > sourceStep + maxFill && e > gridStart && s < gridEnd)
            {
                problems.Add($"gap from {s + sourceStep:O} to {e:O} is longer than the allowed fill of {maxFill}");
                if (problems.Count > 20) break;
            }
            if (e <= gridStart || s >= gridEnd) continue;
            var v = values[k];
            var from = s < gridStart ? gridStart : s;
            var to = e > gridEnd ? gridEnd : e;
            var i = grid.IndexOf(from);
            while (i < grid.Count && grid.TimeAt(i) < to)
            {
                var stepStart = grid.TimeAt(i);
                var a = from > stepStart ? from : stepStart;
                var bEnd = stepStart + grid.Step;
                var b = to < bEnd ? to : bEnd;
                var secs = (b - a).TotalSeconds;
                result[i] += v * secs;
                covered[i] += secs;
                i++;
            }
        }
        if (problems.Count > 0) return new ResampleResult(null, problems);
        for (var i = 0; i < result.Length; i++)
        {
            if (Math.Abs(covered[i] - stepSeconds) > 1e-6)
            {
                problems.Add($"step at {grid.TimeAt(i):O} is not fully covered by data");
                if (problems.Count > 20) break;
                continue;
            }
            result[i] /= stepSeconds;
        }
        return problems.Count > 0 ? new ResampleResult(null, problems) : new ResampleResult(result, problems);
    }

    /// <summary>The most common difference between consecutive timestamps: the native step of a source.</summary>
    public static TimeSpan InferStep(IReadOnlyList<DateTimeOffset> times)
    {
        if (times.Count < 2) return TimeSpan.FromHours(1);
        var counts = new Dictionary<TimeSpan, int>();
        for (var i = 1; i < Math.Min(times.Count, 5000); i++)
        {
            var d = times[i] - times[i - 1];
            if (d > TimeSpan.Zero) counts[d] = counts.GetValueOrDefault(d) + 1;
        }
        return counts.Count == 0 ? TimeSpan.FromHours(1) : counts.MaxBy(kv => kv.Value).Key;
    }
}
