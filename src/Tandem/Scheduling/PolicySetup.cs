using Tandem.Fleet;
using Tandem.Time;
using Tandem.Workloads;

namespace Tandem.Scheduling;

/// <summary>What a policy is told before a run: the fleet's layout, the decision grid, the inference regions and the
/// levers it may pull (time off: start each job as early as capacity allows). No signals and no jobs: those arrive
/// step by step.</summary>
public sealed record PolicySetup(FleetLayout Fleet, TimeGrid Period, IReadOnlyList<InferenceDemand> Regions, Scenarios.Levers Levers = Scenarios.Levers.All);
