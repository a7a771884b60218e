using Tandem.Scenarios;

namespace Tandem.Scheduling;

/// <summary>A perfect-foresight yardstick (optimal, greedy, wait-awhile's idealised case): before the run it is handed
/// the whole scenario, every signal and every job of the period, as an oracle forecast. Reports name such a policy's
/// results as made with foresight; an online policy never implements this.</summary>
public interface IForesightPolicy : IPolicy
{
    /// <summary>Shows the policy the future it may plan on (called before <see cref="IPolicy.Prepare"/>).</summary>
    void Foresee(Scenario oracle);
}
