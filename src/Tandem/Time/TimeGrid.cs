namespace Tandem.Time;

/// <summary>A fixed time grid: <see cref="Count"/> steps of length <see cref="Step"/> from a UTC <see cref="Start"/>.
/// Step i is the half-open interval [Start + i·Step, Start + (i+1)·Step); a value on the grid labels the step that
/// starts at its timestamp.</summary>
public sealed record TimeGrid
{
    /// <summary>Creates a grid. Start must be UTC, step positive and dividing a day evenly or a whole number of
    /// days, count at least one.</summary>
    public TimeGrid(DateTimeOffset start, TimeSpan step, int count)
    {
        if (start.Offset != TimeSpan.Zero) throw new ArgumentException("Grid start must be UTC.", nameof(start));
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), step, "Step must be positive.");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A grid has at least one step.");
        Start = start;
        Step = step;
        Count = count;
    }

    /// <summary>Grid covering [start, end) exactly; the span must be a whole number of steps.</summary>
    public static TimeGrid Covering(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var span = end - start;
        if (span.Ticks % step.Ticks != 0)
            throw new ArgumentException($"The period {start:O}..{end:O} is not a whole number of {step} steps.");
        return new TimeGrid(start, step, (int)(span.Ticks / step.Ticks));
    }

    /// <summary>Inclusive start (UTC).</summary>
    public DateTimeOffset Start { get; }
    /// <summary>Length of one step.</summary>
    public TimeSpan Step { get; }
    /// <summary>Number of steps.</summary>
    public int Count { get; }
    /// <summary>Exclusive end.</summary>
    public DateTimeOffset End => Start + Step * Count;
    /// <summary>The whole span as an interval.</summary>
    public Interval Span => new(Start, End);
    /// <summary>Step length in hours, the weight that turns mean power into energy.</summary>
    public double StepHours => Step.TotalHours;

    /// <summary>Start instant of step <paramref name="index"/>.</summary>
    public DateTimeOffset TimeAt(int index) => Start + Step * index;
    /// <summary>The interval of step <paramref name="index"/>.</summary>
    public Interval IntervalAt(int index) => new(TimeAt(index), TimeAt(index + 1));

    /// <summary>Index of the step containing <paramref name="t"/>, or -1 if it lies outside the grid.</summary>
    public int IndexOf(DateTimeOffset t)
    {
        if (t < Start || t >= End) return -1;
        return (int)((t - Start).Ticks / Step.Ticks);
    }

    /// <summary>Index of the first step that starts at or after <paramref name="t"/>, clamped to [0, Count].</summary>
    public int CeilingIndex(DateTimeOffset t)
    {
        if (t <= Start) return 0;
        if (t >= End) return Count;
        var ticks = (t - Start).Ticks;
        var i = ticks / Step.Ticks;
        return (int)(ticks % Step.Ticks == 0 ? i : i + 1);
    }
}
