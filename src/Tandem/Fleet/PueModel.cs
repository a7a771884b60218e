namespace Tandem.Fleet;

/// <summary>Power usage effectiveness: facility power = IT power × PUE. Either a constant, or
/// <c>base + slope × clamp(T − threshold, 0, design − threshold)</c> for outdoor temperature T in °C (cooling works
/// harder when hot, up to the design maximum temperature its plant is rated for). The model describes the site; the
/// temperature is a signal (<see cref="Signals.SignalKind.Temperature"/>), so the model holds no time series.</summary>
public sealed class PueModel
{
    private readonly double _base;
    private readonly double _slopePerDegree;
    private readonly double _thresholdC;
    private readonly double _designMaxC;

    /// <summary>The design maximum outdoor temperature when none is given, °C.</summary>
    public const double DefaultDesignMaxC = 40;

    private PueModel(double @base, double slope, double threshold, double designMaxC)
    {
        if (!(@base >= 1.0) || !double.IsFinite(@base)) throw new ArgumentOutOfRangeException(nameof(@base), @base, "PUE is at least 1.");
        if (!(slope >= 0) || !double.IsFinite(slope)) throw new ArgumentOutOfRangeException(nameof(slope), slope, "PUE slope is non-negative.");
        _base = @base;
        _slopePerDegree = slope;
        _thresholdC = threshold;
        if (!double.IsFinite(threshold) || !double.IsFinite(designMaxC) || designMaxC < threshold)
            throw new ArgumentOutOfRangeException(nameof(designMaxC), designMaxC, "The design maximum temperature is finite and not below the threshold.");
        _designMaxC = designMaxC;
    }

    /// <summary>A constant PUE (≥ 1).</summary>
    public static PueModel Constant(double pue) => new(pue, 0, 0, 0);

    /// <summary>PUE rising linearly with outdoor temperature above a threshold.</summary>
    public static PueModel TemperatureDependent(double basePue, double slopePerDegree, double thresholdC, double designMaxC = DefaultDesignMaxC) =>
        new(basePue, slopePerDegree, thresholdC, designMaxC);

    /// <summary>The PUE at or below <see cref="ThresholdC"/> (the whole PUE of a constant model), at least 1.</summary>
    public double Base => _base;

    /// <summary>How much PUE rises per °C above <see cref="ThresholdC"/>, non-negative; 0 for a constant model.</summary>
    public double PerDegreeC => _slopePerDegree;

    /// <summary>The outdoor temperature, °C, above which PUE starts to rise (0 for a constant model, where it has no
    /// effect).</summary>
    public double ThresholdC => _thresholdC;

    /// <summary>The design maximum outdoor temperature, °C, above which PUE rises no further; not below
    /// <see cref="ThresholdC"/> (0 for a constant model, where it has no effect).</summary>
    public double DesignMaxC => _designMaxC;

    /// <summary>Whether PUE depends on the outdoor temperature.</summary>
    public bool NeedsTemperature => _slopePerDegree > 0;

    /// <summary>PUE at outdoor temperature <paramref name="temperatureC"/> (ignored by a constant model; null reads as
    /// no cooling load above the base).</summary>
    public double At(double? temperatureC) =>
        _slopePerDegree == 0 || temperatureC is not { } t ? _base : _base + _slopePerDegree * Math.Clamp(t - _thresholdC, 0, _designMaxC - _thresholdC);

    /// <summary>The highest PUE the model can give: at the design maximum temperature. Known without any forecast, so a
    /// policy can commit power for work that cannot be paused against it.</summary>
    public double Ceiling => _base + _slopePerDegree * (_designMaxC - _thresholdC);
}
