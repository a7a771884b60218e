using Tandem.Units;

namespace Tandem.Fleet;

/// <summary>An on-site or directly connected solar or wind plant. Its output in each step is a signal
/// (<see cref="Signals.SignalKind.Generation"/>, per site); the plant itself is its nameplate. Output is available to the
/// site's load and battery; the site does not export.</summary>
/// <param name="Capacity">Nameplate capacity (AC), positive.</param>
public sealed record RenewablePlant(Power Capacity);
