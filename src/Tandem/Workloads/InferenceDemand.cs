namespace Tandem.Workloads;

/// <summary>An online inference service of one region: the sites close enough to serve it within its latency rule.
/// The GPUs it needs in each step are a signal (<see cref="Signals.SignalKind.Inference"/>, zone = region). Online
/// inference cannot wait: what is not served in a step is lost.</summary>
/// <param name="Region">Region name, e.g. east-china.</param>
/// <param name="AllowedSites">Sites within the latency rule, in order of preference.</param>
/// <param name="LatencyRule">The rule in words, e.g. "RTT ≤ 30 ms", for reports.</param>
public sealed record InferenceDemand(string Region, IReadOnlyList<string> AllowedSites, string LatencyRule);
