using Tandem.Workloads;

namespace Tandem.Planning;

/// <summary>Jobs by index, looked up one at a time (an online planner cannot list the jobs still to come).</summary>
public sealed class JobLookup(Func<int, Job> job)
{
    /// <summary>The job with index <paramref name="index"/>.</summary>
    public Job this[int index] => job(index);
}
