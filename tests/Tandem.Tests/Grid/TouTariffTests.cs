using Tandem.Formats;
using Tandem.Grid;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Tests.Grid;

public class TouTariffTests
{
    private static TouTariff Jiangsu()
    {
        Assert.True(Timestamps.TryParseZone("Asia/Shanghai", out var cst));
        TouPeriod P(int from, int to, TouBand b) => new(TimeSpan.FromHours(from), TimeSpan.FromHours(to), b);
        return new TouTariff(cst,
            [P(0, 8, TouBand.Valley), P(8, 11, TouBand.Peak), P(11, 17, TouBand.Flat), P(17, 22, TouBand.Peak), P(22, 24, TouBand.Flat)],
            new Dictionary<TouBand, EnergyPrice>
            {
                [TouBand.Valley] = EnergyPrice.PerKwh(0.28, Currency.Cny),
                [TouBand.Flat] = EnergyPrice.PerKwh(0.64, Currency.Cny),
                [TouBand.Peak] = EnergyPrice.PerKwh(1.07, Currency.Cny),
            });
    }

    [Fact]
    public void Bands_FollowBeijingTime()
    {
        var t = Jiangsu();
        // 00:30 UTC is 08:30 in Beijing: peak. 16:00 UTC is 00:00 in Beijing: valley.
        Assert.Equal(TouBand.Peak, t.BandAt(new DateTimeOffset(2020, 6, 1, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal(TouBand.Valley, t.BandAt(new DateTimeOffset(2020, 6, 1, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TouBand.Flat, t.BandAt(new DateTimeOffset(2020, 6, 1, 14, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void DailyMeanPrice_MatchesHandComputedWeights()
    {
        var s = Jiangsu().ToSeries(new TimeGrid(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), 24));
        var mean = s.Values.ToArray().Average(p => p.PerMegawattHour);
        // 8 h valley, 8 h peak, 8 h flat: (8×280 + 8×1070 + 8×640) / 24 = 663.33 CNY/MWh.
        Assert.Equal((8 * 280 + 8 * 1070 + 8 * 640) / 24.0, mean, 9);
    }

    [Fact]
    public void PeriodsWithAHoleOrOverlap_AreReported()
    {
        TouPeriod P(int from, int to) => new(TimeSpan.FromHours(from), TimeSpan.FromHours(to), TouBand.Flat);
        var prices = new Dictionary<TouBand, EnergyPrice> { [TouBand.Flat] = EnergyPrice.PerKwh(1, Currency.Cny) };
        Assert.Contains(TouTariff.Check([P(0, 8), P(9, 24)], prices), m => m.Contains("no period covers 08:00-09:00", StringComparison.Ordinal));
        Assert.Contains(TouTariff.Check([P(0, 10), P(9, 24)], prices), m => m.Contains("overlap", StringComparison.Ordinal));
    }
}
