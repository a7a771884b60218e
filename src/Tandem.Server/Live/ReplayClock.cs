namespace Tandem.Server.Live;

/// <summary>The clock of a replay: it reads <paramref name="origin"/> when the service starts and runs
/// <paramref name="speed"/> times faster than <paramref name="real"/> from there. The whole service (job validation,
/// the Carbon Aware routes' "now", the live loop) reads this clock, so a replayed week looks live to its clients.</summary>
public sealed class ReplayClock(TimeProvider real, DateTimeOffset origin, double speed) : TimeProvider
{
    private sealed record Mark(DateTimeOffset At, long Start);
    private volatile Mark _anchor = new(origin, real.GetTimestamp());

    /// <summary>Replay seconds per real second.</summary>
    public double Speed { get; } = speed > 0 && double.IsFinite(speed) ? speed : throw new ArgumentOutOfRangeException(nameof(speed), speed, "--speed must be a positive number");

    /// <summary>The real clock underneath.</summary>
    public TimeProvider Real => real;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var mark = _anchor;
        return mark.At + real.GetElapsedTime(mark.Start) * Speed;
    }

    /// <summary>Makes the clock read <paramref name="at"/> now and run on from there: after a restore that took real
    /// time, so the replay resumes where it stopped rather than jumping ahead.</summary>
    public void Anchor(DateTimeOffset at) => _anchor = new Mark(at, real.GetTimestamp());

    /// <summary>Real time until the replay clock reads <paramref name="at"/> (zero if it has passed).</summary>
    public TimeSpan RealDelayUntil(DateTimeOffset at) => at <= GetUtcNow() ? TimeSpan.Zero : (at - GetUtcNow()) / Speed;
}
