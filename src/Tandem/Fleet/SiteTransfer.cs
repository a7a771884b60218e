using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>What it costs to move a job's data from one site to another before it can run there: the time the
/// transfer takes (it delays the job's earliest start at the destination) and the energy it uses in the network,
/// booked against the source site's grid in the step the job starts.</summary>
/// <param name="From">Source site id (the job's home).</param>
/// <param name="To">Destination site id.</param>
/// <param name="Duration">Transfer time.</param>
/// <param name="Energy">Energy per job moved.</param>
public sealed record SiteTransfer(string From, string To, TimeSpan Duration, Energy Energy)
{
    /// <summary>Staying at home costs nothing.</summary>
    public static SiteTransfer None(string site) => new(site, site, TimeSpan.Zero, Energy.Zero);
}
