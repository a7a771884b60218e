using Tandem.Scheduling;
using Tandem.Planning;
namespace Tandem.Scheduling.Optimal;

/// <summary>How the optimal planner chooses and bounds its method.</summary>
/// <param name="MaxExactOptions">Solve the exact MILP when the problem has at most this many candidate placements;
/// above it, solve the LP relaxation and repair it into a schedule. 100,000 keeps the example scenarios (72,000 to
/// 92,000 candidates with all seven levels of the Zeus V100 curve) exact.</param>
/// <param name="MaxStartsPerWindow">Above this many start times per (job, site, pool, level), starts are thinned
/// evenly (the first and last always kept); the result is then optimal only over that candidate set.</param>
/// <param name="TimeLimit">Solver time limit; a MILP stopped by it reports its remaining gap.</param>
/// <param name="OptionBudget">Most candidate placements handed to a solver: above it, start times are thinned evenly
/// until the count fits (the LP bound is then a bound over that candidate set).</param>
/// <param name="AllPowerLevels">Offer every level of each pool's power curve (the default). False offers only the
/// three the greedy planner uses (full power, the most energy-efficient level and one between): a smaller model whose
/// optimum is then optimal over those levels only (docs/planning.md measures what that costs).</param>
/// <param name="Threads">Threads the solver may use. HiGHS's branch and bound is serial, and one thread keeps solves
/// reproducible and leaves the other cores to the simulator.</param>
public sealed record OptimalOptions(int MaxExactOptions = 100_000, int MaxStartsPerWindow = 672, TimeSpan? TimeLimit = null, int OptionBudget = 150_000,
    bool AllPowerLevels = true, int Threads = 1)
{
    /// <summary>The defaults.</summary>
    public static OptimalOptions Default { get; } = new();
    /// <summary>The time limit, 60 s unless set.</summary>
    public TimeSpan Limit => TimeLimit ?? TimeSpan.FromSeconds(60);
}
