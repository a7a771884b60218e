namespace Tandem.Server.Hosting;

/// <summary>How `tandem serve` starts: where it listens (default http://127.0.0.1:5000, loopback only) and the database
/// it keeps its state in: a SQLite file path, or a PostgreSQL connection string ("Host=...;...").</summary>
public sealed record ServeSettings(string Database, string Urls = ServeSettings.DefaultUrls)
{
    /// <summary>Loopback only unless told otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Whether the Carbon-Aware-SDK routes need a key (any role); by default they answer without one, as the
    /// SDK does. Every other route needs a key with its role, except /health, /health/ready, /metrics and the OpenAPI document.</summary>
    public bool CarbonAwareRequiresKey { get; init; }

    /// <summary>Writes (POST) each API key may make per second, as a token bucket holding one second's worth; beyond it
    /// a write is refused with 429 and a Retry-After header. Default 5,000, above the 2,000 submits/s a busy fleet needs.</summary>
    public int WritesPerSecond { get; init; } = 5_000;

    /// <summary>Logs as one JSON object per line (structured, for a log collector) instead of one line of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>The scenario to play live, or null to serve the store and queue without a live loop.</summary>
    public ReplaySettings? Replay { get; init; }

    /// <summary>Largest request body accepted, bytes.</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;
}

/// <summary>A scenario played as if live (`tandem serve --replay`): its period runs <see cref="Speed"/> times faster
/// than real time under <see cref="Policy"/> (an online policy, mpc by default, with its key=value options).</summary>
public sealed record ReplaySettings(string ScenarioPath, double Speed = ReplaySettings.DefaultSpeed, string Policy = "mpc")
{
    /// <summary>An hour a second: a week in under three minutes.</summary>
    public const double DefaultSpeed = 3600;

    /// <summary>The policy's options, as `--option key=value` gives them to simulate.</summary>
    public IReadOnlyDictionary<string, string> PolicyOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether a clock drives the loop (true) or only calls to <see cref="Live.LiveCoordinator.Advance"/> do
    /// (tests that step it by hand).</summary>
    public bool Driven { get; init; } = true;
}
