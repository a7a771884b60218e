using Tandem.Formats;
using Tandem.Time;

namespace Tandem.Workloads;

/// <summary>Turns a short LLM request trace into online demand over a scenario. The published traces cover about an
/// hour, so their shape is replayed: the trace's span is stretched to <c>cycle</c> (24 h by default, so one trace
/// becomes one day of bursts and lulls) and repeated over the period. Load per step is the tokens processed (prompt +
/// output) in it, scaled so that the busiest step needs <c>peakGpus</c> GPUs. docs/model.md states this mapping.</summary>
public static class InferenceShape
{
    /// <summary>GPUs needed in each grid step.</summary>
    public static double[] Replay(IReadOnlyList<LlmRequest> requests, TimeGrid grid, TimeSpan cycle, double peakGpus)
    {
        var span = requests[^1].Offset + TimeSpan.FromSeconds(1);
        var scale = cycle.TotalSeconds / span.TotalSeconds;
        var stepsPerCycle = Math.Max(1, (int)Math.Round(cycle.TotalSeconds / grid.Step.TotalSeconds));
        var perStep = new double[stepsPerCycle];
        foreach (var r in requests)
        {
            var k = (int)(r.Offset.TotalSeconds * scale / grid.Step.TotalSeconds);
            perStep[Math.Min(k, stepsPerCycle - 1)] += r.InputTokens + r.OutputTokens;
        }
        var max = perStep.Max();
        var phase = (int)((grid.Start.UtcTicks / grid.Step.Ticks) % stepsPerCycle);
        var result = new double[grid.Count];
        for (var i = 0; i < grid.Count; i++) result[i] = max > 0 ? peakGpus * perStep[(i + phase) % stepsPerCycle] / max : 0;
        return result;
    }
}
