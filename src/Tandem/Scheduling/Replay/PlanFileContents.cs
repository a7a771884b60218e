using Tandem.Actuation;

namespace Tandem.Scheduling.Replay;

/// <summary>What a plan file holds: the policy that made it, whether that policy planned with perfect foresight (an
/// oracle), and its commands in order.</summary>
public sealed record PlanFileContents(string Policy, bool Foresight, IReadOnlyList<Command> Commands);
