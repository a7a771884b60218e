using Tandem.Formats;
using Tandem.Tests.Testing;
using Tandem.Units;

namespace Tandem.Tests.Formats;

public class TandemCsvFormatTests
{
    [Fact]
    public void ReadsUnitsFromHeaders_AndOffsetsFromStamps()
    {
        using var dir = new TempFolder();
        var path = dir.Write("s.csv", "timestamp,carbon_intensity_g_per_kwh,price_cny_per_mwh\n2020-06-01T08:00:00+08:00,500,300\n2020-06-01T01:00:00Z,400,310\n");
        var t = new TandemCsvFormat().Read(path, SignalReadOptions.None);
        Assert.Equal(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), t.Times[0]);
        Assert.Equal(Currency.Cny, t.Currency);
        Assert.Equal([300.0, 310], t.Column("price_per_mwh"));
    }

    [Fact]
    public void RejectsStampsWithoutOffset_AndHeadersWithoutUnits_AllAtOnce()
    {
        using var dir = new TempFolder();
        var path = dir.Write("s.csv", "timestamp,intensity\n2020-06-01 00:00:00,500\n");
        var e = Assert.Throws<DataFileException>(() => new TandemCsvFormat().Read(path, SignalReadOptions.None));
        Assert.Contains(e.Problems, p => p.Field == "intensity");
        var path2 = dir.Write("t.csv", "timestamp,power_kw\n2020-06-01 00:00:00,500\n2020-06-01 01:00:00,500\n");
        var e2 = Assert.Throws<DataFileException>(() => new TandemCsvFormat().Read(path2, SignalReadOptions.None));
        Assert.Equal([2, 3], e2.Problems.Select(p => p.Line));
        Assert.All(e2.Problems, p => Assert.Equal("timestamp", p.Field));
    }
}
