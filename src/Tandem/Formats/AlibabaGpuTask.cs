namespace Tandem.Formats;

/// <summary>One pod of the Alibaba GPU cluster trace v2023 (Weng et al., ATC 2023). Times are seconds from the
/// trace's start; a pod that never got scheduled has no scheduled time.</summary>
/// <param name="Name">Pod name.</param>
/// <param name="Gpus">Whole GPUs requested (num_gpu).</param>
/// <param name="GpuMilli">Share of each GPU in thousandths (gpu_milli), 1000 = whole GPU.</param>
/// <param name="Qos">Quality-of-service class: LS, BE, Burstable or Guaranteed.</param>
/// <param name="Phase">Pod phase at trace end: Running, Succeeded, Failed or Pending.</param>
/// <param name="Creation">Creation time since trace start.</param>
/// <param name="Scheduled">Scheduling time since trace start, if it was scheduled.</param>
/// <param name="Deletion">Deletion time since trace start.</param>
/// <param name="Line">Source line.</param>
public sealed record AlibabaGpuTask(string Name, int Gpus, int GpuMilli, string Qos, string Phase, TimeSpan Creation, TimeSpan? Scheduled, TimeSpan Deletion, int Line)
{
    /// <summary>Run time: deletion − scheduled (or − creation when never scheduled).</summary>
    public TimeSpan Runtime => Deletion - (Scheduled ?? Creation);
}
