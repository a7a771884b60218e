using System.Text.Json.Serialization;

namespace Tandem.Server.Live;

/// <summary>The live loop as the service shows it after a step: the clock, the fleet's sites now, every job not done
/// (and the service's own jobs once done) with where and when it is planned and why, and the totals so far against
/// the run-now baseline. Immutable: a new one replaces it after each step.</summary>
public sealed record LiveView(
    [property: JsonPropertyName("run")] string Run,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("now")] DateTimeOffset Now,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("step_minutes")] double StepMinutes,
    [property: JsonPropertyName("finished")] bool Finished,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("sites")] IReadOnlyList<SiteNow> Sites,
    [property: JsonPropertyName("jobs")] IReadOnlyList<JobPlan> Jobs,
    [property: JsonPropertyName("totals")] LiveTotals Totals,
    [property: JsonPropertyName("planning_seconds")] double PlanningSeconds,
    [property: JsonPropertyName("actions")] long Actions);

/// <summary>A site in the last step: power in kW (facility, from the grid, on-site output used, battery discharge
/// less charge), the grid's carbon intensity and price, the green share of the energy it used, and GPUs busy of total.</summary>
public sealed record SiteNow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("zone")] string Zone,
    [property: JsonPropertyName("facility_kw")] double FacilityKw,
    [property: JsonPropertyName("grid_kw")] double GridKw,
    [property: JsonPropertyName("onsite_kw")] double OnsiteKw,
    [property: JsonPropertyName("battery_kw")] double BatteryKw,
    [property: JsonPropertyName("carbon_g_per_kwh")] double CarbonGPerKwh,
    [property: JsonPropertyName("price_per_mwh")] double PricePerMwh,
    [property: JsonPropertyName("green_share")] double GreenShare,
    [property: JsonPropertyName("busy_gpus")] double BusyGpus,
    [property: JsonPropertyName("gpus")] int Gpus,
    [property: JsonPropertyName("emissions_kg")] double EmissionsKg);

/// <summary>A job in the live plan: its status, where it runs or is planned to, when it is planned to start (null if
/// the plan has no start for it yet), when it started and finished, when it is expected to end (at its current or
/// planned power level, if nothing changes), and why (the planner's expected emissions and
/// cost of its run and its slack before the deadline, and a sentence saying so).</summary>
public sealed record JobPlan(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gpus")] int Gpus,
    [property: JsonPropertyName("site")] string? Site,
    [property: JsonPropertyName("pool")] string? Pool,
    [property: JsonPropertyName("level")] int? Level,
    [property: JsonPropertyName("earliest_start")] DateTimeOffset EarliestStart,
    [property: JsonPropertyName("deadline")] DateTimeOffset Deadline,
    [property: JsonPropertyName("planned_start")] DateTimeOffset? PlannedStart,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset? FinishedAt,
    [property: JsonPropertyName("expected_end")] DateTimeOffset? ExpectedEnd,
    [property: JsonPropertyName("delay_hours")] double DelayHours,
    [property: JsonPropertyName("expected_emissions_kg")] double? ExpectedEmissionsKg,
    [property: JsonPropertyName("expected_cost")] double? ExpectedCost,
    [property: JsonPropertyName("deadline_slack_hours")] double? DeadlineSlackHours,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>Totals so far, from the simulated fleet's grid draw: emissions (kg CO2e), cost, energy (kWh), green share,
/// jobs done and late; and the same emissions and cost of the run-now baseline over the same steps (null until it
/// has been computed), which runs the scenario's own workload only.</summary>
public sealed record LiveTotals(
    [property: JsonPropertyName("emissions_kg")] double EmissionsKg,
    [property: JsonPropertyName("cost")] double Cost,
    [property: JsonPropertyName("energy_kwh")] double EnergyKwh,
    [property: JsonPropertyName("green_share")] double GreenShare,
    [property: JsonPropertyName("jobs_done")] int JobsDone,
    [property: JsonPropertyName("jobs_late")] int JobsLate,
    [property: JsonPropertyName("planned_emissions_kg")] double PlannedEmissionsKg,
    [property: JsonPropertyName("planned_cost")] double PlannedCost,
    [property: JsonPropertyName("baseline_emissions_kg")] double? BaselineEmissionsKg,
    [property: JsonPropertyName("baseline_cost")] double? BaselineCost);

/// <summary>Power per site over the steps run so far.</summary>
public sealed record PowerHistory(
    [property: JsonPropertyName("times")] IReadOnlyList<DateTimeOffset> Times,
    [property: JsonPropertyName("sites")] IReadOnlyList<SitePower> Sites);

/// <summary>One site's power per step, kW.</summary>
public sealed record SitePower(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("facility_kw")] IReadOnlyList<double> FacilityKw,
    [property: JsonPropertyName("grid_kw")] IReadOnlyList<double> GridKw,
    [property: JsonPropertyName("onsite_kw")] IReadOnlyList<double> OnsiteKw);
