namespace Tandem.Fleet;

/// <summary>How a GPU's throughput and its average draw change with its power limit, from measurements such as the
/// Zeus power-limit sweeps. Each <see cref="PowerLevel"/> is expressed relative to the GPU's maximum power limit, so a
/// curve measured on one GPU can be applied to another with a different maximum (an assumption stated in
/// docs/model.md). Levels are sorted by limit; the last one is full power with throughput 1.</summary>
public sealed class PowerCurve
{
    /// <summary>Builds a curve from levels; at least one, limits strictly increasing in (0, 1], the last at 1 with
    /// throughput 1, throughputs and power fractions in (0, 1].</summary>
    public PowerCurve(IReadOnlyList<PowerLevel> levels)
    {
        if (levels.Count == 0) throw new ArgumentException("A power curve needs at least one level.");
        for (var i = 0; i < levels.Count; i++)
        {
            var l = levels[i];
            if (l.LimitFraction <= 0 || l.LimitFraction > 1) throw new ArgumentException($"Level {i}: limit fraction {l.LimitFraction} is outside (0, 1].");
            if (l.Throughput <= 0 || l.Throughput > 1 + 1e-9) throw new ArgumentException($"Level {i}: throughput {l.Throughput} is outside (0, 1].");
            if (l.PowerFraction <= 0 || l.PowerFraction > 1 + 1e-9) throw new ArgumentException($"Level {i}: power fraction {l.PowerFraction} is outside (0, 1].");
            if (i > 0 && l.LimitFraction <= levels[i - 1].LimitFraction) throw new ArgumentException("Power levels must have strictly increasing limits.");
        }
        if (Math.Abs(levels[^1].LimitFraction - 1) > 1e-9 || Math.Abs(levels[^1].Throughput - 1) > 1e-9)
            throw new ArgumentException("The last power level must be the full limit (1.0) with throughput 1.0.");
        Levels = levels.ToArray();
    }

    /// <summary>The levels, sorted by limit; the last is full power.</summary>
    public IReadOnlyList<PowerLevel> Levels { get; }
    /// <summary>Index of the full-power level.</summary>
    public int FullPowerLevel => Levels.Count - 1;

    /// <summary>A curve with one level: full power, throughput 1, drawing the whole maximum power.</summary>
    public static PowerCurve FullPowerOnly { get; } = new([new PowerLevel(1, 1, 1)]);

    /// <summary>The throughput per unit of energy at each level relative to full power: above 1 means capping saves
    /// energy per unit of work.</summary>
    public double EnergyEfficiencyGain(int level) =>
        (Levels[level].Throughput / Levels[level].PowerFraction) / (1.0 / Levels[^1].PowerFraction);
}

/// <summary>One point of a <see cref="PowerCurve"/>.</summary>
/// <param name="LimitFraction">The power limit as a share of the GPU's maximum limit, in (0, 1].</param>
/// <param name="Throughput">Work rate relative to full power, in (0, 1].</param>
/// <param name="PowerFraction">Average draw while working, as a share of the maximum limit, in (0, 1].</param>
public readonly record struct PowerLevel(double LimitFraction, double Throughput, double PowerFraction);
