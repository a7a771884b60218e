namespace Tandem.Actuation;

/// <summary>Why a policy issued a start: what it expected the job to cost over its planned run, from the signals it
/// planned on (forecasts for an online policy, the oracle for a perfect-foresight yardstick), and how much room was
/// left before the deadline. Null fields were not worked out by the policy.</summary>
/// <param name="ExpectedEmissionsKg">Grid emissions of the job's added draw over its run, kg CO2e.</param>
/// <param name="ExpectedCost">Grid cost of that draw, in the scenario currency.</param>
/// <param name="DeadlineSlack">Deadline minus planned finish (negative: planned late).</param>
public sealed record CommandReason(double? ExpectedEmissionsKg, double? ExpectedCost, TimeSpan? DeadlineSlack);
