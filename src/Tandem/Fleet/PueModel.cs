using Tandem.Time;

namespace Tandem.Fleet;

/// <summary>Power usage effectiveness: facility power = IT power × PUE. Either a constant, or
/// <c>base + slope × max(0, T − threshold)</c> for outdoor temperature T in °C (cooling works harder when hot).</summary>
public sealed class PueModel
{
    private readonly double _base;
    private readonly double _slopePerDegree;
    private readonly double _thresholdC;
    private readonly Series<double>? _temperatureC;

    private PueModel(double @base, double slope, double threshold, Series<double>? temperatureC)
    {
        if (!(@base >= 1.0) || !double.IsFinite(@base)) throw new ArgumentOutOfRangeException(nameof(@base), @base, "PUE is at least 1.");
        if (!(slope >= 0) || !double.IsFinite(slope)) throw new ArgumentOutOfRangeException(nameof(slope), slope, "PUE slope is non-negative.");
        _base = @base;
        _slopePerDegree = slope;
        _thresholdC = threshold;
        _temperatureC = temperatureC;
    }

    /// <summary>A constant PUE (≥ 1).</summary>
    public static PueModel Constant(double pue) => new(pue, 0, 0, null);

    /// <summary>PUE rising linearly with outdoor temperature above a threshold.</summary>
    public static PueModel TemperatureDependent(double basePue, double slopePerDegree, double thresholdC, Series<double> temperatureC) =>
        new(basePue, slopePerDegree, thresholdC, temperatureC);

    /// <summary>The PUE in step <paramref name="step"/>.</summary>
    public double At(int step) =>
        _temperatureC is null ? _base : _base + _slopePerDegree * Math.Max(0, _temperatureC[step] - _thresholdC);

    /// <summary>The highest PUE over the whole grid (used for conservative headroom checks).</summary>
    public double Max(int steps)
    {
        if (_temperatureC is null) return _base;
        var m = _base;
        for (var i = 0; i < steps; i++) m = Math.Max(m, At(i));
        return m;
    }
}
