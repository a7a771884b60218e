using Tandem.Scenarios;
using Tandem.Units;

namespace Tandem.Planning;

/// <summary>An upper bound, with no capacity limits, of what shifting batch work in time and place could save on a
/// scenario's grids and jobs, so a scheduler's result can be read against what was possible. It is a bound, not a
/// schedule: every job moves on its own, as if no GPU, pool or grid connection were ever full.
/// <para>Each batch job j of <see cref="Scenario.Jobs"/> runs at full power (power capping is excluded): for the fraction
/// of each step it runs (its full-power runtime, work ÷ GPUs hours, the last step pro rata) it draws GPUs × the pool's
/// added power per GPU at the full-power level (<see cref="Fleet.GpuPool.AddedPowerPerGpu"/>) × the site's PUE in that
/// step (<see cref="Signals.ScenarioSignals.Pue"/>, from the outdoor temperature where the PUE depends on it). Idle power
/// and online inference are excluded: they do not move. Each kWh is weighted by the site's grid carbon intensity in
/// that step (emissions) and, separately, by its grid price (cost); on-site renewable output and batteries are
/// ignored (grid intensity and price only).</para>
/// <list type="bullet">
/// <item>Baseline: the job starts at the first grid step at or after its earliest start, at its home site (the first
/// allowed site), on the first pool there with enough GPUs (as run-now places it), and runs without pause; a run the
/// end of the period cuts off counts up to the end.</item>
/// <item>Time alone: the best start at the home site from that release step to the latest start that still finishes
/// by the deadline at full power and within the period.</item>
/// <item>Place alone: the best allowed site, starting at the release step plus the data-transfer time from home
/// (<see cref="Scenario.Transfer"/>), if that still finishes by the deadline and within the period; a start away from
/// home pays the transfer energy (kWh, no PUE) at the home site's intensity and price in the step it starts, as the
/// simulator books it.</item>
/// <item>Time and place: the best over every allowed site and every such start.</item>
/// </list>
/// At a site with several pools a shifted start takes the pool with enough GPUs that adds the least power. The baseline
/// is always one of the options, so both ≤ time ≤ baseline and both ≤ place ≤ baseline, job by job. A job whose
/// baseline misses its deadline or runs past the end of the period has no on-time start anywhere (a later start or a
/// transfer only delays it): it keeps its baseline in every column (<see cref="JobsWithoutSlack"/>). Jobs released
/// after the period, or too big for every pool at home, are left out (<see cref="JobsLeftOut"/>). Emissions and cost
/// are minimised each on its own: the cost columns are the bound on cost, not the cost of the emissions-best starts.
/// Release steps, runtimes in steps and latest starts are those of the planning model (<see cref="PlanningProblem"/>),
/// so the bound ranges over the same on-time starts as <c>optimal</c>.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Jobs">Batch jobs in the scenario.</param>
/// <param name="JobsWithoutSlack">Jobs counted that have no on-time start: they stay at their baseline.</param>
/// <param name="JobsLeftOut">Jobs released after the period or too big for every pool at their home site; not counted.</param>
/// <param name="BaselineEnergy">Facility energy of the counted jobs at their baseline (added IT energy × PUE).</param>
/// <param name="BaselineEmissions">Grid emissions of that energy.</param>
/// <param name="TimeEmissions">Emissions with each job at its best start at home.</param>
/// <param name="PlaceEmissions">Emissions with each job at its best site, starting on release (plus transfer).</param>
/// <param name="BothEmissions">Emissions with each job at its best site and start.</param>
/// <param name="BaselineCost">Grid cost of the baseline energy.</param>
/// <param name="TimeCost">Cost with each job at its cheapest start at home.</param>
/// <param name="PlaceCost">Cost with each job at its cheapest site, starting on release (plus transfer).</param>
/// <param name="BothCost">Cost with each job at its cheapest site and start.</param>
public sealed record ShiftPotential(
    string Scenario,
    int Jobs,
    int JobsWithoutSlack,
    int JobsLeftOut,
    Energy BaselineEnergy,
    Emissions BaselineEmissions,
    Emissions TimeEmissions,
    Emissions PlaceEmissions,
    Emissions BothEmissions,
    Money BaselineCost,
    Money TimeCost,
    Money PlaceCost,
    Money BothCost)
{
    /// <summary>Jobs counted (every job not left out).</summary>
    public int JobsCounted => Jobs - JobsLeftOut;

    /// <summary>The saving of <paramref name="shifted"/> as a share of <paramref name="baseline"/> (0.25 = 25 %), or
    /// null when the baseline is not positive.</summary>
    public static double? Saving(double baseline, double shifted) => baseline > 0 ? (baseline - shifted) / baseline : null;

    /// <summary>Computes the bound over the whole scenario, reading its actual signals (perfect foresight).</summary>
    public static ShiftPotential Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var pb = PlanningProblem.Offline(scenario, Objective.Emissions);
        var w = pb.Window;
        var h = pb.StepHours;
        var n = pb.Steps;
        var sites = scenario.Sites;
        // Per site, prefix sums over steps of what 1 kW of added IT draw for a whole step costs: kWh at the facility,
        // grams at the grid intensity, currency at the grid price.
        var kwh = new double[sites.Count][];
        var grams = new double[sites.Count][];
        var money = new double[sites.Count][];
        for (var s = 0; s < sites.Count; s++)
        {
            kwh[s] = new double[n + 1];
            grams[s] = new double[n + 1];
            money[s] = new double[n + 1];
            for (var t = 0; t < n; t++)
            {
                var e = w.Pue[s][t] * h;
                kwh[s][t + 1] = kwh[s][t] + e;
                grams[s][t + 1] = grams[s][t] + e * w.GramsPerKwh[s][t];
                money[s][t + 1] = money[s][t] + e * w.PricePerMwh[s][t] / 1000;
            }
        }
        // Added IT power of a job at a site at full power: the first pool that fits (the baseline's), and the least.
        double FirstKw(int s, int gpus) => sites[s].Pools.Where(p => p.Count >= gpus)
            .Select(p => gpus * p.AddedPowerPerGpu(p.Curve.FullPowerLevel).Kilowatts).DefaultIfEmpty(double.NaN).First();
        double LeastKw(int s, int gpus) => sites[s].Pools.Where(p => p.Count >= gpus)
            .Select(p => gpus * p.AddedPowerPerGpu(p.Curve.FullPowerLevel).Kilowatts).DefaultIfEmpty(double.NaN).Min();

        double baseKwh = 0, baseG = 0, timeG = 0, placeG = 0, bothG = 0, baseC = 0, timeC = 0, placeC = 0, bothC = 0;
        int withoutSlack = 0, leftOut = 0;
        for (var j = 0; j < scenario.Jobs.Count; j++)
        {
            var job = scenario.Jobs[j];
            var home = scenario.SiteIndex(job.AllowedSites[0]);
            var release = pb.ReleaseAt(j, home);
            var homeKw = FirstKw(home, job.Gpus);
            if (release >= n || double.IsNaN(homeKw)) { leftOut++; continue; }
            var runtime = job.WorkGpuHours / job.Gpus;
            var d = pb.StepsToRun(runtime);
            var last = runtime / h - (d - 1);
            var latest = Math.Min(pb.LatestOnTime(j, runtime), n - d);

            // Sum over a run of 1 kW starting at step t of a prefix-summed weight: whole steps, then the last pro rata;
            // a run the period cuts off counts up to its end.
            double Run(double[] prefix, int t) => t + d <= n
                ? prefix[t + d - 1] - prefix[t] + last * (prefix[t + d] - prefix[t + d - 1])
                : prefix[n] - prefix[t];

            var g0 = homeKw * Run(grams[home], release);
            var c0 = homeKw * Run(money[home], release);
            baseKwh += homeKw * Run(kwh[home], release);
            baseG += g0;
            baseC += c0;
            double tg = g0, pg = g0, bg = g0, tc = c0, pc = c0, bc = c0;
            if (release > latest) withoutSlack++;
            else
                foreach (var id in job.AllowedSites)
                {
                    var s = scenario.SiteIndex(id);
                    var kw = LeastKw(s, job.Gpus);
                    if (double.IsNaN(kw)) continue;
                    var transferKwh = s == home ? 0 : scenario.Transfer(home, s).Energy.KilowattHours;
                    var from = pb.ReleaseAt(j, s);
                    for (var t = from; t <= latest; t++)
                    {
                        var g = kw * Run(grams[s], t) + transferKwh * w.GramsPerKwh[home][t];
                        var c = kw * Run(money[s], t) + transferKwh * w.PricePerMwh[home][t] / 1000;
                        bg = Math.Min(bg, g);
                        bc = Math.Min(bc, c);
                        if (s == home) { tg = Math.Min(tg, g); tc = Math.Min(tc, c); }
                        if (t == from) { pg = Math.Min(pg, g); pc = Math.Min(pc, c); }
                    }
                }
            timeG += tg; placeG += pg; bothG += bg;
            timeC += tc; placeC += pc; bothC += bc;
        }
        var currency = scenario.Currency;
        return new ShiftPotential(scenario.Name, scenario.Jobs.Count, withoutSlack, leftOut, Energy.FromKilowattHours(baseKwh),
            Emissions.FromGrams(baseG), Emissions.FromGrams(timeG), Emissions.FromGrams(placeG), Emissions.FromGrams(bothG),
            Money.Of(baseC, currency), Money.Of(timeC, currency), Money.Of(placeC, currency), Money.Of(bothC, currency));
    }
}
