using Tandem.Time;

namespace Tandem.Workloads;

/// <summary>Online inference demand of one region: GPUs busy serving it in each step, and the sites close enough to
/// serve it within its latency rule. Online inference cannot wait: what is not served in a step is lost.</summary>
/// <param name="Region">Region name, e.g. east-china.</param>
/// <param name="GpusNeeded">GPUs at full power needed in each step (fractional: a share of a GPU-step).</param>
/// <param name="AllowedSites">Sites within the latency rule, in order of preference.</param>
/// <param name="LatencyRule">The rule in words, e.g. "RTT ≤ 30 ms", for reports.</param>
public sealed record InferenceDemand(string Region, Series<double> GpusNeeded, IReadOnlyList<string> AllowedSites, string LatencyRule);
