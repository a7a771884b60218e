namespace Tandem.Fleet;

/// <summary>The fleet's layout from step <paramref name="FromStep"/> of a run until the next revision.</summary>
/// <param name="FromStep">The first step the layout holds for.</param>
/// <param name="Layout">The layout.</param>
public sealed record FleetRevision(int FromStep, FleetLayout Layout);
