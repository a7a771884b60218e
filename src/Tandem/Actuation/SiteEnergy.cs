using Tandem.Fleet;
using Tandem.Units;

namespace Tandem.Actuation;

/// <summary>The energy model of one site in one step, written once for the simulator and the planners: facility power
/// is IT power × PUE; on-site output serves the load first; a surplus charges the battery (up to its power limit and
/// free capacity, losing the one-way efficiency on the way in); a deficit is met by the battery (up to its power limit
/// and charge, losing the one-way efficiency on the way out) and then the grid, which must stay within the site's
/// limit. The validator recomputes the same physics with its own arithmetic on purpose.</summary>
public static class SiteEnergy
{
    /// <summary>How much the battery can deliver to the load in a step of <paramref name="step"/>.</summary>
    public static Power DischargeLimit(Site site, Energy stateOfCharge, TimeSpan step)
    {
        if (site.Battery is not { } b) return Power.Zero;
        var fromCharge = stateOfCharge.KilowattHours * b.OneWayEfficiency / step.TotalHours;
        return Power.FromKilowatts(Math.Min(b.PowerLimit.Kilowatts, fromCharge));
    }

    /// <summary>Grid limit plus on-site output plus battery, less the facility power already drawn.</summary>
    public static Power Headroom(Site site, Power facility, Power generation, Energy stateOfCharge, TimeSpan step) =>
        Power.FromKilowatts(RoomKw(site, facility.Kilowatts, generation.Kilowatts + DischargeLimit(site, stateOfCharge, step).Kilowatts));

    /// <summary>Facility power the site can still draw, kW: its grid limit plus <paramref name="supplyKw"/> (on-site
    /// output and battery counted on; zero for power that must stay firm), less <paramref name="facilityKw"/>. The one
    /// formula behind the observation's headroom, the firm headroom and the planners' power room.</summary>
    public static double RoomKw(Site site, double facilityKw, double supplyKw = 0) => site.GridLimit.Kilowatts + supplyKw - facilityKw;

    /// <summary>Dispatches one step: <paramref name="facilityKwh"/> of load against <paramref name="generationKwh"/> of
    /// on-site output and the battery (whose charge <paramref name="socKwh"/> is updated).</summary>
    public static StepDispatch Dispatch(Site site, double facilityKwh, double generationKwh, ref double socKwh, double stepHours)
    {
        var onsite = Math.Min(generationKwh, facilityKwh);
        var surplus = generationKwh - onsite;
        var deficit = facilityKwh - onsite;
        double charged = 0, discharged = 0;
        if (site.Battery is { } b)
        {
            var eta = b.OneWayEfficiency;
            var limitKwh = b.PowerLimit.Kilowatts * stepHours;
            if (surplus > 0)
            {
                charged = Math.Min(Math.Min(surplus, limitKwh), (b.Capacity.KilowattHours - socKwh) / eta);
                socKwh += charged * eta;
            }
            else if (deficit > 0)
            {
                discharged = Math.Min(Math.Min(deficit, limitKwh), socKwh * eta);
                socKwh = Math.Max(0, socKwh - discharged / eta);
            }
        }
        return new StepDispatch(facilityKwh, onsite, discharged, charged, deficit - discharged, surplus - charged);
    }
}
