namespace Tandem.Signals;

/// <summary>One series a signal source holds: its zone and kind, the step of its grid, the span from the first step's
/// start to the last step's end, and how many values it has.</summary>
public sealed record SignalCatalogEntry(string Zone, SignalKind Kind, TimeSpan Step, DateTimeOffset From, DateTimeOffset To, int Count, string? Currency);
