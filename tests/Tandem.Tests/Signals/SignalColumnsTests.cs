using Tandem.Formats;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Tests.Signals;

/// <summary>Columns to kinds, and a column onto the grid its time stamps define; hand-built tables, no I/O.</summary>
public class SignalColumnsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeSeriesTable Table(TimeSpan[] offsets, double[] values, Currency? currency = null, string column = "carbon_intensity_g_per_kwh") =>
        new("f.csv", offsets.Select(o => T0 + o).ToArray(), offsets.Select((_, i) => i + 2).ToArray(), new() { [column] = values }, currency);

    private static TimeSpan M(int minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void EveryKind_HasADefaultColumn_InItsOwnUnit()
    {
        foreach (var kind in Enum.GetValues<SignalKind>())
        {
            var column = SignalColumns.ColumnOf(kind);
            Assert.Equal(kind, SignalColumns.KindOf(column));
            Assert.True(SignalColumns.HasUnitOf(column, kind), column);
        }
        Assert.Null(SignalColumns.KindOf("carbon_intensity_forecast_g_per_kwh"));
        Assert.True(SignalColumns.HasUnitOf("lear_ensemble_price_per_mwh", SignalKind.Price));
        Assert.False(SignalColumns.HasUnitOf("hufl", SignalKind.Temperature));
    }

    [Fact]
    public void Series_TakesTheMostCommonStep_AndMakesMissingRowsAndValuesGaps()
    {
        var s = SignalColumns.Series(Table([M(0), M(15), M(30), M(60), M(75)], [1, double.NaN, 3, 5, 6]), "carbon_intensity_g_per_kwh", "DE", SignalKind.Carbon);
        Assert.Equal(new TimeGrid(T0, M(15), 6), s.Grid);
        Assert.Equal([1, double.NaN, 3, double.NaN, 5, 6], s.Values.Values.ToArray());
        Assert.Equal(("DE", SignalKind.Carbon, (string?)null), (s.Zone, s.Kind, s.Currency));
    }

    [Fact]
    public void Series_NamesEveryLineOffTheGridOrOutOfOrder()
    {
        var e = Assert.Throws<DataFileException>(() => SignalColumns.Series(Table([M(0), M(60), M(120), M(150), M(150), M(100)], [1, 2, 3, 4, 5, 6]), "carbon_intensity_g_per_kwh", "DE", SignalKind.Carbon));
        Assert.Equal([5, 6, 7], e.Problems.Select(p => p.Line));
        Assert.Equal("f.csv:5: carbon_intensity_g_per_kwh: time 2024-01-01T02:30:00.0000000+00:00 is not on the grid of 60-minute steps that starts at 2024-01-01T00:00:00.0000000+00:00", e.Problems[0].ToString());
        Assert.Contains("does not come after", e.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_OfPrices_CarriesTheCurrency_OrAsksForIt()
    {
        var priced = Table([M(0), M(60)], [30, 31], Currency.Eur, "price_per_mwh");
        Assert.Equal("EUR", SignalColumns.Series(priced, "price_per_mwh", "NP", SignalKind.Price).Currency);
        var e = Assert.Throws<DataFileException>(() => SignalColumns.Series(Table([M(0), M(60)], [30, 31], null, "price_per_mwh"), "price_per_mwh", "NP", SignalKind.Price));
        Assert.Equal("currency", Assert.Single(e.Problems).Field);
    }

    [Fact]
    public void Series_WithNoValues_OrSpanningTooManySteps_IsRefused()
    {
        Assert.Contains("has no values", Assert.Throws<DataFileException>(() =>
            SignalColumns.Series(Table([M(0), M(5)], [double.NaN, double.NaN]), "carbon_intensity_g_per_kwh", "DE", SignalKind.Carbon)).Message, StringComparison.Ordinal);
        Assert.Contains("more than the", Assert.Throws<DataFileException>(() =>
            SignalColumns.Series(Table([M(0), M(5), M(10), TimeSpan.FromDays(365 * 200)], [1, 2, 3, 4]), "carbon_intensity_g_per_kwh", "DE", SignalKind.Carbon)).Message, StringComparison.Ordinal);
    }
}
