using Tandem.Actuation;
using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Validation;

/// <summary>Checks a run against every hard constraint and recomputes its physics and totals from the scenario's inputs
/// and the execution log alone, with its own arithmetic: it calls no simulator or planner code, so a bug in either
/// shows up here as a finding. Each finding starts with the rule it breaks in brackets, e.g. <c>[grid-limit]</c>; the
/// rules are listed in docs/planning.md and in <see cref="JobRules"/>, <see cref="ServiceRules"/>,
/// <see cref="PowerRules"/> and <see cref="TotalsRules"/>.</summary>
public static class RunValidator
{
    /// <summary>Every broken rule (at most ten findings per rule, 200 in all), and separately every rigid or standard job
    /// (slowdown at most 1) that finished after its deadline: the first are bugs in a policy or the simulator, the second are outcomes (a baseline
    /// that herds, or input that no schedule can satisfy) that a coordinating policy must avoid where a schedule
    /// exists. <paramref name="traces"/>, when given, are compared with the recomputation; nothing is derived from
    /// them.</summary>
    public static (IReadOnlyList<string> Violations, IReadOnlyList<string> FirmLate) Check(
        Scenario scenario, ExecutionLog log, RunTotals totals, IReadOnlyList<SiteTrace>? traces = null)
    {
        var findings = new Findings();
        var ledger = new Ledger(scenario);
        JobRules.Check(scenario, log, ledger, findings);
        ServiceRules.Check(scenario, log, ledger, findings);
        PowerRules.Check(scenario, ledger, traces, findings);
        TotalsRules.Check(scenario, ledger, totals, findings);
        var firmLate = new List<string>();
        for (var j = 0; j < scenario.Jobs.Count; j++)
        {
            var job = scenario.Jobs[j];
            if (ledger.Finish[j] is { } finish && job.Tier.MaxSlowdown <= 1 && finish > job.Deadline)
                firmLate.Add($"{job.Tier.Name} job {job.Id} finished at {finish:O}, after its deadline {job.Deadline:O}");
        }
        return (findings.Items, firmLate);
    }
}
