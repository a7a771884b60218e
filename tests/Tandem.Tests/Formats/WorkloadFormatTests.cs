using Tandem.Formats;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Formats;

/// <summary>Trace and GPU-power readers on the real files, against the counts and statistics their publishers report.</summary>
public class WorkloadFormatTests
{
    [Fact]
    public void AlibabaGpu2023_HasThePublishedGpuCounts()
    {
        var tasks = AlibabaGpuTraceReader.Read(SharedData.File("ai_workloads/alibaba_gpu_v2023/openb_pod_list_default.csv"));
        Assert.Equal(8152, tasks.Count);
        var byGpus = tasks.GroupBy(t => t.Gpus).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6989, byGpus[1]);
        Assert.Equal(1088, byGpus[0]);
        Assert.Equal(44, byGpus[8]);
        Assert.Equal(16, byGpus[2]);
        Assert.Equal(15, byGpus[4]);
        Assert.Equal(TimeSpan.FromSeconds(12537496), tasks[0].Runtime);
    }

    [Theory]
    [InlineData("AzureLLMInferenceTrace_code.csv", 8819, 1469, 13)]
    [InlineData("AzureLLMInferenceTrace_conv.csv", 19366, 1020, 129)]
    public void AzureLlm_HasThePublishedMedians(string file, int count, int medianIn, int medianOut)
    {
        var r = LlmTraceReader.Read(SharedData.File($"ai_workloads/azure_llm_inference_2023/{file}"), "azure-llm");
        Assert.Equal(count, r.Count);
        Assert.Equal(medianIn, Median(r.Select(x => x.InputTokens)));
        Assert.Equal(medianOut, Median(r.Select(x => x.OutputTokens)));
        Assert.Equal(TimeSpan.Zero, r[0].Offset);
        Assert.InRange(r[^1].Offset.TotalMinutes, 50, 70);
    }

    [Fact]
    public void Mooncake_HasThePublishedMeans()
    {
        var r = LlmTraceReader.Read(SharedData.File("ai_workloads/mooncake_kimi_2025/conversation_trace.jsonl.gz"), "mooncake");
        Assert.Equal(12031, r.Count);
        Assert.Equal(12035, Math.Round(r.Average(x => x.InputTokens)));
        Assert.Equal(343, Math.Round(r.Average(x => x.OutputTokens)));
    }

    [Fact]
    public void Philly_HasThePublishedMedian()
    {
        var r = PhillyRuntimeReader.Read(SharedData.File("ai_workloads/philly_runtime/philly_runtime.csv.gz"));
        Assert.Equal(83154, r.Count);
        Assert.Equal(1186, Median(r.Select(x => x.TotalSeconds)));
    }

    [Fact]
    public void ZeusV100_Curve_SavesEnergyBelowTheFullLimit()
    {
        var path = SharedData.File("gpu_power/zeus_nsdi23/summary_power_v100.csv");
        var c = ZeusPowerReader.ReadCurve(path);
        // The V100 sweep covers 100..250 W in 25 W steps (68 configurations at each); the curve is relative to 250 W.
        Assert.Equal(7, c.Levels.Count);
        Assert.Equal(100.0 / 250, c.Levels[0].LimitFraction, 12);
        Assert.All(c.Levels, l => Assert.InRange(l.Throughput, 0.05, 1));
        Assert.All(c.Levels, l => Assert.True(l.PowerFraction <= l.LimitFraction + 0.02, $"draw {l.PowerFraction} above limit {l.LimitFraction}"));
        // Zeus's finding: some limit below the maximum gives more work per joule.
        Assert.Contains(Enumerable.Range(0, c.Levels.Count - 1), i => c.EnergyEfficiencyGain(i) > 1.05);

        // An independent check of one point: the draw at full limit lies within the spread of the raw 250 W rows.
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).Where(f => f[4] == "250").Select(f => double.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture) / 250).Order().ToArray();
        Assert.InRange(c.Levels[^1].PowerFraction, rows[0], rows[^1]);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static double Median(IEnumerable<int> values) => Median(values.Select(v => (double)v));
}
