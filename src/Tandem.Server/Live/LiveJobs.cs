using System.Text.Json;
using Tandem.Fleet;
using Tandem.Server.Jobs;
using Tandem.Storage.Jobs;
using Tandem.Workloads;

namespace Tandem.Server.Live;

/// <summary>Jobs submitted over the API as the fleet runs them.</summary>
public static class LiveJobs
{
    /// <summary>The job a stored submission stands for: a training job with no checkpoint overhead, of the tier, sites
    /// and window it was submitted with, able to start from its submission when it gave no earliest start.</summary>
    public static Job ToJob(StoredJob stored)
    {
        var r = JsonSerializer.Deserialize<JobsEndpoints.JobRequest>(stored.RequestJson) ?? throw new JsonException("empty job request");
        var earliest = r.EarliestStart ?? stored.Submitted;
        var submit = earliest < stored.Submitted ? earliest : stored.Submitted;
        if (!FlexibilityTier.TryParse(r.Tier ?? "standard", out var tier)) throw new ArgumentException($"job {stored.Id}: unknown tier '{r.Tier}'");
        return new Job(stored.Id, stored.Tenant, JobKind.Training, r.Gpus ?? 0, r.WorkGpuHours ?? 0, submit, earliest,
            r.Deadline ?? earliest, r.Sites ?? [], r.Interruptible ?? false, TimeSpan.Zero, tier);
    }

    /// <summary>Why a job cannot run on <paramref name="fleet"/>, naming the field, or null if it can: every site must
    /// be one of the fleet's, and one of them must have a pool of at least its GPUs.</summary>
    public static (string Field, string Message)? Misfit(FleetLayout fleet, int gpus, IReadOnlyList<string> sites)
    {
        foreach (var id in sites)
            if (fleet.SiteIndex(id) < 0) return ("sites", $"there is no site '{id}'; the fleet has {string.Join(", ", fleet.Sites.Select(s => s.Id))}");
        if (!sites.Any(id => fleet.Sites[fleet.SiteIndex(id)].Pools.Any(p => p.Count >= gpus)))
            return ("gpus", $"no pool at {string.Join(", ", sites)} has {gpus} GPUs");
        return null;
    }
}
