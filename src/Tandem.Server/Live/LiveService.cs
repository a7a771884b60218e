namespace Tandem.Server.Live;

/// <summary>The live loop of this service, if it runs one (`--replay`); routes take this rather than the coordinator so
/// they answer plainly when there is none.</summary>
public sealed class LiveService
{
    /// <summary>The coordinator, or null when the service runs no live loop.</summary>
    public LiveCoordinator? Coordinator { get; internal set; }
}
