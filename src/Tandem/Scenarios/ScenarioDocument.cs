using System.Text.Json;

namespace Tandem.Scenarios;

// The scenario file as written (docs/scenario.md, scenario.schema.json). Every field is optional here so that the
// loader can report every missing or wrong one at once, by its path.
internal sealed record ScenarioDocument(
    string? Name, string? Start, string? End, double? StepMinutes, string? Currency,
    Dictionary<string, double>? ExchangeRates, List<SiteDocument>? Sites, WorkloadDocument? Workload, List<TransferDocument>? Transfers, int? HistoryDays);

internal sealed record TransferDocument(string? From, string? To, double? Hours, double? EnergyKwh);

internal sealed record SiteDocument(
    string? Id, string? Name, string? TimeZone, double? GridLimitKw, JsonElement? Pue, List<PoolDocument>? Pools,
    PlantDocument? Solar, PlantDocument? Wind, BatteryDocument? Battery, GridDocument? Grid);

internal sealed record PoolDocument(
    string? Id, string? GpuModel, int? Count, double? IdlePowerW, double? MaxPowerW, PowerCurveDocument? PowerCurve);

internal sealed record PowerCurveDocument(string? File, string? Format, List<LevelDocument>? Levels);

internal sealed record LevelDocument(double? LimitFraction, double? Throughput, double? PowerFraction);

internal sealed record PlantDocument(double? CapacityKw, SignalDocument? Profile, double? ProfileNominalKw);

internal sealed record BatteryDocument(double? EnergyKwh, double? PowerKw, double? RoundTripEfficiency, double? InitialSoc);

internal sealed record GridDocument(
    string? Zone, SignalDocument? Carbon, double? CarbonConstantGPerKwh, SignalDocument? MarginalCarbon,
    SignalDocument? CfeShare, double? CfeShareConstant, SignalDocument? Price, TouDocument? Tou, CarbonFactorDocument? CarbonFactor = null,
    List<KnownAheadDocument>? KnownAhead = null);

/// <summary>A series published ahead of the time it describes (a day-ahead forecast), for forecasters to use.</summary>
internal sealed record KnownAheadDocument(
    string? Name, string? File, string? Format, string? Column, string? TimeZone, double? MaxFillMinutes, double? IssuedHoursBefore,
    double? IssueEveryHours, string? ForecastOf = null);

internal sealed record CarbonFactorDocument(string? File, string? Region, string? Province);

internal sealed record SignalDocument(
    string? File, string? Format, string? Column, string? TimeZone, string? Currency, double? MaxFillMinutes, double? ShiftDays, string? Store = null);

internal sealed record TouDocument(string? TimeZone, string? Currency, List<TouPeriodDocument>? Periods, Dictionary<string, double>? PricesPerKwh);

internal sealed record TouPeriodDocument(string? From, string? To, string? Band);

internal sealed record PueDocument(double? Base, double? PerDegreeC, double? AboveC, SignalDocument? Temperature, double? DesignMaxC = null);

internal sealed record WorkloadDocument(List<JobDocument>? Jobs, List<TraceDocument>? Traces, List<InferenceDocument>? Inference);

internal sealed record JobDocument(
    string? Id, string? Tenant, string? Kind, int? Gpus, double? WorkGpuHours, string? Submit, string? EarliestStart,
    string? Deadline, List<string>? AllowedSites, bool? Interruptible, double? CheckpointOverheadMinutes, string? Tier,
    ElasticDocument? Elastic = null);

/// <summary>An elastic job's GPU range and scaling (a job), or for a trace: the share of its jobs that are elastic and
/// their range as factors of each job's size.</summary>
internal sealed record ElasticDocument(int? MinGpus, int? MaxGpus, double? ScalingExponent, double? Share = null, double? MinFactor = null, double? MaxFactor = null);

internal sealed record TraceDocument(
    string? File, string? Format, string? TraceStart, double? SkipDays, List<string>? Sites, double? ResidentShare,
    string? TierLs, string? TierBe, string? TierOther, double? MaxRuntimeHours, double? CheckpointOverheadMinutes,
    int? MaxJobs, double? JobsPerDay, Dictionary<string, double>? GpuMix, int? Seed, string? Tenant, double? ArrivalDays, double? TimeScale,
    List<double>? SlackHours = null, double? MinRuntimeHours = null, ElasticDocument? Elastic = null);

internal sealed record InferenceDocument(
    string? Region, SignalDocument? Trace, List<string>? AllowedSites, string? LatencyRule, double? PeakGpus, double? StretchToHours);
