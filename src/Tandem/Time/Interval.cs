namespace Tandem.Time;

/// <summary>A half-open interval [Start, End) of UTC instants. End is never before Start.</summary>
public readonly record struct Interval
{
    /// <summary>Creates [start, end); both must be UTC (offset zero).</summary>
    public Interval(DateTimeOffset start, DateTimeOffset end)
    {
        if (start.Offset != TimeSpan.Zero || end.Offset != TimeSpan.Zero)
            throw new ArgumentException("Interval instants must be UTC.");
        if (end < start) throw new ArgumentException($"Interval end {end:O} is before its start {start:O}.");
        Start = start;
        End = end;
    }

    /// <summary>Inclusive start.</summary>
    public DateTimeOffset Start { get; }
    /// <summary>Exclusive end.</summary>
    public DateTimeOffset End { get; }
    /// <summary>End minus start.</summary>
    public TimeSpan Duration => End - Start;
    /// <summary>True if <paramref name="t"/> lies in [Start, End).</summary>
    public bool Contains(DateTimeOffset t) => t >= Start && t < End;
    /// <summary>The length of the overlap with another interval (zero if they are disjoint).</summary>
    public TimeSpan Overlap(Interval other)
    {
        var s = Start > other.Start ? Start : other.Start;
        var e = End < other.End ? End : other.End;
        return e > s ? e - s : TimeSpan.Zero;
    }
    /// <inheritdoc />
    public override string ToString() => $"[{Start:O}, {End:O})";
}
