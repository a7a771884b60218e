using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>An AI data-center site: its GPU pools, cooling, grid connection, on-site supply and the grid zone it
/// draws from. It describes the fleet and carries no time series: carbon, prices, on-site output and temperature come
/// from a signal source.</summary>
public sealed record Site
{
    /// <summary>Creates a site; it has at least one pool, pool ids are unique, and the grid limit is positive.</summary>
    public Site(string id, string name, TimeZoneInfo timeZone, IReadOnlyList<GpuPool> pools, PueModel pue, Power gridLimit,
        RenewablePlant? solar, RenewablePlant? wind, Battery? battery, string gridZone)
    {
        if (pools.Count == 0) throw new ArgumentException("A site has at least one GPU pool.", nameof(pools));
        if (pools.Select(p => p.Id).Distinct().Count() != pools.Count) throw new ArgumentException("Pool ids repeat.", nameof(pools));
        if (gridLimit <= Power.Zero) throw new ArgumentOutOfRangeException(nameof(gridLimit), "Grid limit must be positive.");
        Id = id;
        Name = name;
        TimeZone = timeZone;
        Pools = pools;
        Pue = pue;
        GridLimit = gridLimit;
        Solar = solar;
        Wind = wind;
        Battery = battery;
        GridZone = gridZone;
    }

    /// <summary>Unique site id.</summary>
    public string Id { get; }
    /// <summary>Display name.</summary>
    public string Name { get; }
    /// <summary>Local time zone (for reports and time-of-use tariffs).</summary>
    public TimeZoneInfo TimeZone { get; }
    /// <summary>GPU pools.</summary>
    public IReadOnlyList<GpuPool> Pools { get; }
    /// <summary>Cooling and overhead model.</summary>
    public PueModel Pue { get; }
    /// <summary>Maximum import from the grid at the point of connection.</summary>
    public Power GridLimit { get; }
    /// <summary>On-site or directly connected solar, if any.</summary>
    public RenewablePlant? Solar { get; }
    /// <summary>On-site or directly connected wind, if any.</summary>
    public RenewablePlant? Wind { get; }
    /// <summary>On-site battery, if any.</summary>
    public Battery? Battery { get; }
    /// <summary>The grid zone the site draws from, e.g. CN-Northwest or US-CAL-CISO (may be empty).</summary>
    public string GridZone { get; }

    /// <summary>Total number of GPUs over all pools.</summary>
    public int TotalGpus => Pools.Sum(p => p.Count);

    /// <summary>IT power when every GPU is idle.</summary>
    public Power IdleItPower => Pools.Aggregate(Power.Zero, (acc, p) => acc + p.IdlePowerPerGpu * p.Count);
}
