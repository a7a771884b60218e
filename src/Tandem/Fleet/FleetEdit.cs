using Tandem.Grid;
using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>A change to a running fleet, made by its operator between two steps and in force from the next one
/// (<see cref="Scenarios.FleetEdits"/> applies it). Sites and pools are only ever added or changed, never removed,
/// so a site's or pool's index stays what every log and trace already uses.</summary>
public abstract record FleetEdit
{
    /// <summary>The site the edit is about.</summary>
    public abstract string SiteId { get; }
}

/// <summary>A new site. Its grid signals (carbon intensity, carbon-free share, price) are those of the grid zone it
/// draws from, which a site already in the fleet must draw from too; it starts without on-site plants.</summary>
public sealed record RegisterSite(Site Site) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site.Id;
}

/// <summary>A site's name, grid connection limit or PUE model (null leaves it as it is).</summary>
public sealed record UpdateSite(string Site, string? Name, Power? GridLimit, PueModel? Pue) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site;
}

/// <summary>A GPU pool registered at a site, or one of its pools changed (same id): its GPUs, model and draw. A
/// pool's power curve is set when it is registered and kept after.</summary>
public sealed record PutPool(string Site, GpuPool Pool) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site;
}

/// <summary>A battery installed at a site, or its battery changed. A new battery starts at its initial state of
/// charge; a changed one keeps what it holds, up to its new capacity.</summary>
public sealed record PutBattery(string Site, Battery Battery) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site;
}

/// <summary>Which on-site plant.</summary>
public enum PlantKind
{
    /// <summary>Solar.</summary>
    Solar,
    /// <summary>Wind.</summary>
    Wind,
}

/// <summary>A site's solar or wind plant re-rated to a new nameplate capacity; its output from then on is the same
/// profile scaled to the new capacity. The run must know the plant's output profile, so the plant must exist.</summary>
public sealed record PutPlant(string Site, PlantKind Kind, Power Capacity) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site;
}

/// <summary>A time-of-use tariff that prices a site's grid energy from then on.</summary>
public sealed record PutTariff(string Site, TouTariff Tariff) : FleetEdit
{
    /// <inheritdoc />
    public override string SiteId => Site;
}

/// <summary>A fleet edit that cannot be made: <see cref="ArgumentException.ParamName"/> names the field at fault.
/// <see cref="Conflict"/> is true when the edit is well formed but clashes with the fleet as it is now (GPUs in use, a
/// draw the new limit cannot carry), false when the edit itself is wrong.</summary>
public sealed class FleetEditException(string field, string message, bool conflict = false) : ArgumentException(message, field)
{
    /// <summary>Whether the edit clashes with the fleet's state rather than being malformed.</summary>
    public bool Conflict { get; } = conflict;
    /// <summary>Whether the edit names a site the fleet does not have.</summary>
    public bool UnknownSite { get; init; }
}
