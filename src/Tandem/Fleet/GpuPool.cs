using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>A set of identical GPUs at a site. A job runs inside one pool. Busy GPUs draw
/// <see cref="MaxPowerPerGpu"/> × the level's power fraction; the rest draw <see cref="IdlePowerPerGpu"/>.</summary>
public sealed record GpuPool
{
    /// <summary>Creates a pool; count ≥ 1, 0 ≤ idle ≤ max, max &gt; 0.</summary>
    public GpuPool(string id, string gpuModel, int count, Power idlePowerPerGpu, Power maxPowerPerGpu, PowerCurve curve)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A pool has at least one GPU.");
        if (maxPowerPerGpu <= Power.Zero) throw new ArgumentOutOfRangeException(nameof(maxPowerPerGpu), "Max power must be positive.");
        if (idlePowerPerGpu < Power.Zero || idlePowerPerGpu > maxPowerPerGpu)
            throw new ArgumentOutOfRangeException(nameof(idlePowerPerGpu), "Idle power lies between 0 and max power.");
        Id = id;
        GpuModel = gpuModel;
        Count = count;
        IdlePowerPerGpu = idlePowerPerGpu;
        MaxPowerPerGpu = maxPowerPerGpu;
        Curve = curve;
    }

    /// <summary>Pool id, unique within its site.</summary>
    public string Id { get; }
    /// <summary>GPU model name, e.g. H100 or V100.</summary>
    public string GpuModel { get; }
    /// <summary>Number of GPUs.</summary>
    public int Count { get; }
    /// <summary>Draw of an idle GPU.</summary>
    public Power IdlePowerPerGpu { get; }
    /// <summary>The GPU's maximum power limit (TDP).</summary>
    public Power MaxPowerPerGpu { get; }
    /// <summary>Power-limit → throughput and draw.</summary>
    public PowerCurve Curve { get; }

    /// <summary>Draw of one busy GPU at a power level.</summary>
    public Power BusyPowerPerGpu(int level) => MaxPowerPerGpu * Curve.Levels[level].PowerFraction;

    /// <summary>What one GPU running at <paramref name="level"/> draws above its idle draw (IT power). The one place the
    /// added draw of busy GPUs is worked out, for the simulator and the planners alike.</summary>
    public Power AddedPowerPerGpu(int level) => BusyPowerPerGpu(level) - IdlePowerPerGpu;
}
