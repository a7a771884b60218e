namespace Tandem.Forecasting;

/// <summary>Accuracy of a set of forecasts: MAE, MAPE and sMAPE (in %), RMSE, and how often the actual fell inside the
/// prediction interval against its nominal level. MAPE skips actuals of zero; sMAPE = mean(|y − ŷ| / ((|y| + |ŷ|) / 2)).
/// Coverage counts only points with a calibrated (finite) interval; an uncalibrated one would cover everything.</summary>
public sealed record ForecastMetrics(int Count, double Mae, double MapePercent, double SmapePercent, double Rmse, double Coverage, double NominalCoverage)
{
    /// <summary>Computes the metrics over points whose actual is known.</summary>
    public static ForecastMetrics Of(IEnumerable<ForecastPoint> points, double nominal)
    {
        var p = points.Where(x => double.IsFinite(x.Actual)).ToList();
        if (p.Count == 0) return new ForecastMetrics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, nominal);
        var mapeTerms = p.Where(x => x.Actual != 0).Select(x => Math.Abs(x.Actual - x.Forecast) / Math.Abs(x.Actual)).ToList();
        var smapeTerms = p.Select(x => Math.Abs(x.Actual) + Math.Abs(x.Forecast) is var d && d > 0 ? Math.Abs(x.Actual - x.Forecast) / (d / 2) : 0).ToList();
        return new ForecastMetrics(
            p.Count,
            p.Average(x => Math.Abs(x.Actual - x.Forecast)),
            mapeTerms.Count > 0 ? mapeTerms.Average() * 100 : double.NaN,
            smapeTerms.Average() * 100,
            Math.Sqrt(p.Average(x => (x.Actual - x.Forecast) * (x.Actual - x.Forecast))),
            CoverageOf(p),
            nominal);
    }

    private static double CoverageOf(List<ForecastPoint> points)
    {
        var calibrated = points.Where(x => double.IsFinite(x.Lower) && double.IsFinite(x.Upper)).ToList();
        return calibrated.Count == 0 ? double.NaN : calibrated.Count(x => x.Actual >= x.Lower && x.Actual <= x.Upper) / (double)calibrated.Count;
    }
}
