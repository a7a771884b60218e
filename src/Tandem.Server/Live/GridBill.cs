using Tandem.Scenarios;
using Tandem.Simulation;

namespace Tandem.Server.Live;

/// <summary>What a site's grid draw in one step cost, from a run's traces: kg CO2e (kWh × the step's intensity) and
/// money (MWh × the step's price). The live totals and the run-now baseline both use it, so they compare like for like.</summary>
internal static class GridBill
{
    /// <summary>Emissions (kg) and cost of site <paramref name="site"/>'s grid import in step <paramref name="step"/>.</summary>
    public static (double Kg, double Cost) Step(Scenario scenario, IReadOnlyList<SiteTrace> traces, int site, int step)
    {
        var kwh = traces[site].GridKw[step] * scenario.Grid.StepHours;
        return (kwh * scenario.Signals.Carbon(site, step).GramsPerKilowattHour / 1000, kwh / 1000 * scenario.Signals.Price(site, step).PerMegawattHour);
    }
}
