using Tandem.Actuation;
using Tandem.Planning;
using Tandem.Signals;

namespace Tandem.Scheduling.Mpc;

/// <summary>How far mpc's forecast of each site's objective weight per grid kWh can be trusted, taken as the mean
/// absolute error, over the past week, of the seasonal naive forecast (the value one day earlier) of that weight: a
/// stand-in for the error of the forecaster mpc actually runs, which backtests at least as well on the signals
/// themselves. A move between
/// sites must save more than the job's energy times the two sites' bands, on top of its transfer energy, before mpc
/// makes it: a move cannot be taken back, so it is committed only where the saving survives the forecast's own
/// uncertainty. Sites whose weight repeats day after day (fixed grid factors, flat tariffs) get no band. Worked out
/// once a day from the signal view, which ends now.</summary>
internal sealed class ForecastBand(Objective objective)
{
    private double[] _band = [];
    private int _dayComputed = int.MinValue;

    /// <summary>Objective weight per kWh at each site, now.</summary>
    public double[] At(FleetObservation state, SignalView signals)
    {
        var perDay = Math.Max(1, (int)Math.Round(TimeSpan.FromDays(1) / state.Period.Step));
        var day = state.Step / perDay;
        if (day == _dayComputed && _band.Length == state.Sites.Count) return _band;
        var from = state.Now - TimeSpan.FromDays(8);
        _band = state.Sites.Select(site => Band(site.Id, signals, from, perDay)).ToArray();
        _dayComputed = day;
        return _band;
    }

    private double Band(string zone, SignalView signals, DateTimeOffset from, int perDay)
    {
        var g = signals.History(zone, SignalKind.Carbon, from);
        var p = signals.History(zone, SignalKind.Price, from);
        var c = signals.History(zone, SignalKind.CarbonFree, from);
        var n = new[] { g?.Values.Count, p?.Values.Count, c?.Values.Count }.Where(x => x is not null).Select(x => x!.Value).DefaultIfEmpty(0).Min();
        if (n <= perDay) return 0;
        // The last n values of each series, aligned at now.
        double Weight(int i) => objective.PerGridKwh(At(g, n, i), At(p, n, i), c is null ? 0 : At(c, n, i));
        double sum = 0;
        for (var i = perDay; i < n; i++) sum += Math.Abs(Weight(i) - Weight(i - perDay));
        return sum / (n - perDay);
    }

    private static double At(SignalSeries? s, int n, int i) => s is null ? 0 : s.Values[s.Values.Count - n + i];
}
