using Tandem.Fleet;
using Tandem.Grid;
using Tandem.Scenarios;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;
using Tandem.Workloads;

namespace Tandem.Tests.Testing;

/// <summary>Builds small scenarios in code for tests: hourly steps from 2020-06-01T00:00Z, prices in CNY. Jobs are
/// standard unless a tier is given.</summary>
public sealed class ScenarioBuilder(int steps, TimeSpan? step = null)
{
    public static readonly DateTimeOffset T0 = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<Site> _sites = [];
    private readonly List<Job> _jobs = [];
    private readonly List<InferenceDemand> _inference = [];
    private readonly List<SiteSignals> _signals = [];
    private readonly List<Series<double>> _demand = [];

    public TimeGrid Grid { get; } = new(T0, step ?? TimeSpan.FromHours(1), steps);

    public ScenarioBuilder Site(string id, int gpus, double idleKw, double maxKw, double pue, double gridLimitKw,
        double[] intensity, double[] pricePerMwh, double[]? solarProfile = null, double solarKw = 0, double[]? cfe = null,
        Battery? battery = null, PowerCurve? curve = null, double[]? temperatureC = null, double pueSlopePerDegree = 0.002)
    {
        var pool = new GpuPool("p", "test", gpus, Power.FromKilowatts(idleKw), Power.FromKilowatts(maxKw), curve ?? PowerCurve.FullPowerOnly);
        var generation = solarProfile is null ? null
            : new Series<Power>(Grid, solarProfile.Select(f => Power.FromKilowatts(solarKw * Fraction.Of(f).Value)).ToArray());
        _signals.Add(new SiteSignals(
            new Series<CarbonIntensity>(Grid, intensity.Select(CarbonIntensity.FromGramsPerKilowattHour).ToArray()), null,
            cfe is null ? null : new Series<Fraction>(Grid, cfe.Select(Fraction.Of).ToArray()),
            new Series<EnergyPrice>(Grid, pricePerMwh.Select(p => EnergyPrice.PerMwh(p, Currency.Cny)).ToArray()),
            generation, temperatureC is null ? null : new Series<double>(Grid, temperatureC)) { SolarOutput = generation });
        var solar = solarProfile is null ? null : new RenewablePlant(Power.FromKilowatts(solarKw));
        _sites.Add(new Site(id, id, TimeZoneInfo.Utc, [pool], temperatureC is null ? PueModel.Constant(pue) : PueModel.TemperatureDependent(pue, pueSlopePerDegree, 20), Power.FromKilowatts(gridLimitKw), solar, null, battery, id));
        return this;
    }

    public ScenarioBuilder Job(string id, int gpus, double workGpuHours, DateTimeOffset submit, DateTimeOffset deadline, string[] sites,
        bool interruptible = false, TimeSpan? overhead = null, FlexibilityTier? tier = null, ElasticScaling? elastic = null)
    {
        _jobs.Add(new Job(id, "t", JobKind.Training, gpus, workGpuHours, submit, submit, deadline, sites, interruptible,
            overhead ?? TimeSpan.Zero, tier ?? FlexibilityTier.Standard) { Elastic = elastic });
        return this;
    }

    public ScenarioBuilder Inference(string region, double[] gpus, params string[] sites)
    {
        _inference.Add(new InferenceDemand(region, sites, ""));
        _demand.Add(new Series<double>(Grid, gpus));
        return this;
    }

    public static double[] Repeat(double v, int n) => Enumerable.Repeat(v, n).ToArray();

    public Scenario Build() => new("test", Grid, Currency.Cny, new FleetLayout(_sites.ToArray(), []), _jobs.ToArray(), _inference.ToArray(),
        new ScenarioSignals(Grid, _sites.ToArray(), _signals.ToArray(), _inference.ToArray(), _demand.ToArray()));
}
