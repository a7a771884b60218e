using Tandem.Time;

namespace Tandem.Signals;

/// <summary>One signal of one zone on a fixed time grid: values in the kind's unit (<see cref="SignalKinds.Unit"/>);
/// NaN marks a step the source has no value for. <paramref name="Currency"/> names the currency of a price series
/// (ISO 4217) and is null for every other kind.</summary>
public sealed record SignalSeries(string Zone, SignalKind Kind, Series<double> Values, string? Currency = null)
{
    /// <summary>The grid the values sit on.</summary>
    public TimeGrid Grid => Values.Grid;

    /// <summary>Steps that have a value (not NaN).</summary>
    public int ValueCount
    {
        get
        {
            var n = 0;
            for (var i = 0; i < Values.Count; i++) if (!double.IsNaN(Values[i])) n++;
            return n;
        }
    }
}
