namespace Tandem.Tests.Testing;

/// <summary>A clock that only moves when told to.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;
    private long _ticks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;
    /// <inheritdoc />
    public override long GetTimestamp() => _ticks;
    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves time forward.</summary>
    public void Advance(TimeSpan by)
    {
        _now += by;
        _ticks += by.Ticks;
    }
}
