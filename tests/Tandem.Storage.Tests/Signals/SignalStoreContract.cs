using Tandem.Signals;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Storage.Tests.Signals;

/// <summary>What every signal store must do, run against each real database (<see cref="SqliteSignalStoreTests"/>,
/// <see cref="PostgresSignalStoreTests"/>).</summary>
public abstract class SignalStoreContract : IDisposable
{
    /// <summary>The store on the database <paramref name="name"/> of this test (the same name opens the same database
    /// again, as after a restart).</summary>
    protected abstract ISignalStore Open(string name);

    /// <inheritdoc />
    public abstract void Dispose();

    private static readonly DateTimeOffset June1st = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static SignalSeries Hourly(string zone, SignalKind kind, DateTimeOffset start, double[] values, string? currency = null) =>
        new(zone, kind, new Series<double>(new TimeGrid(start, Hour, values.Length), values), currency);

    private static double[] Ramp(int n, double from = 100) => Enumerable.Range(0, n).Select(i => from + i * 0.1).ToArray();

    private static Interval All => new(DateTimeOffset.UnixEpoch, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ImportedValues_ReadBackExactly_AcrossChunks_AndAfterReopening()
    {
        var path = Path.Combine("sub", "tandem.db");
        // More than two chunks, with values a decimal text format would round, extremes and a gap.
        var values = Ramp(2500);
        values[0] = Math.PI;
        values[1] = 1e-300;
        values[2] = double.MaxValue;
        values[3] = -0.1;
        values[1500] = double.NaN;
        using (var store = Open(path)) store.Import([Hourly("US-CAL-CISO", SignalKind.Carbon, June1st, values)]);
        using var reopened = Open(path);
        var read = reopened.Read("US-CAL-CISO", SignalKind.Carbon, All);
        Assert.NotNull(read);
        Assert.Equal(new TimeGrid(June1st, Hour, 2500), read.Grid);
        Assert.Equal(values, read.Values.Values.ToArray());
        Assert.Null(read.Currency);
        Assert.Null(reopened.Read("US-CAL-CISO", SignalKind.Price, All));
        Assert.Null(reopened.Read("US-MIDA-PJM", SignalKind.Carbon, All));
    }

    [Fact]
    public void ARead_SeesWhatAnotherConnectionImported_AndWhatItsOwnImportWrote()
    {
        // Reads may be answered from memory (SQLite keeps what it read while the database is unchanged): a write by
        // another connection, or by this one, must show in the next read, series, span, values and catalog alike.
        using var reader = Open("tandem.db");
        using var writer = Open("tandem.db");
        writer.Import([Hourly("GB", SignalKind.Carbon, June1st, Ramp(2000))]);
        Assert.Equal(100, reader.Read("GB", SignalKind.Carbon, All)!.Values[0]);
        Assert.Null(reader.Read("FR", SignalKind.Carbon, All));
        Assert.Single(reader.Catalog());
        writer.Import([Hourly("GB", SignalKind.Carbon, June1st, [7, 8]), Hourly("GB", SignalKind.Carbon, June1st.AddHours(2000), [9]),
            Hourly("FR", SignalKind.Carbon, June1st, [50])]);
        var read = reader.Read("GB", SignalKind.Carbon, All)!;
        Assert.Equal(2001, read.Grid.Count);
        Assert.Equal([7, 8, 100.2], read.Values.Values[..3].ToArray());
        Assert.Equal(9, read.Values[2000]);
        Assert.Equal(50, reader.Read("FR", SignalKind.Carbon, All)!.Values[0]);
        Assert.Equal(2, reader.Catalog().Count);
        reader.Import([Hourly("GB", SignalKind.Carbon, June1st, [1])]);
        Assert.Equal(1, reader.Read("GB", SignalKind.Carbon, All)!.Values[0]);
        Assert.Equal(2001, reader.Catalog().Single(c => c.Zone == "GB").Count);
    }

    [Fact]
    public void Read_KeepsTheStepsThatStartInsideTheRange_AndWithinTheData()
    {
        using var store = Open("tandem.db");
        var values = Ramp(48);
        store.Import([Hourly("DE", SignalKind.Temperature, June1st, values)]);

        // 02:30 to 05:00: the steps starting at 03:00 and 04:00 (05:00 is the exclusive end).
        var mid = store.Read("DE", SignalKind.Temperature, new Interval(June1st.AddHours(2.5), June1st.AddHours(5)));
        Assert.NotNull(mid);
        Assert.Equal(new TimeGrid(June1st.AddHours(3), Hour, 2), mid.Grid);
        Assert.Equal(values[3..5], mid.Values.Values.ToArray());

        // A range wider than the data gives the data, not steps of nothing around it.
        var wide = store.Read("DE", SignalKind.Temperature, new Interval(June1st.AddDays(-30), June1st.AddDays(30)));
        Assert.Equal(new TimeGrid(June1st, Hour, 48), wide!.Grid);

        // No step starts inside: before, after, or inside one step.
        Assert.Null(store.Read("DE", SignalKind.Temperature, new Interval(June1st.AddDays(-2), June1st)));
        Assert.Null(store.Read("DE", SignalKind.Temperature, new Interval(June1st.AddDays(2), June1st.AddDays(3))));
        Assert.Null(store.Read("DE", SignalKind.Temperature, new Interval(June1st.AddMinutes(10), June1st.AddMinutes(50))));
    }

    [Fact]
    public void ReimportingOverlappingData_ReplacesValues_GapsKeepWhatIsStored_AndTwiceIsOnce()
    {
        using var store = Open("tandem.db");
        var first = Ramp(48, from: 100);
        store.Import([Hourly("GB", SignalKind.Carbon, June1st, first)]);
        // A second file: from hour 24 to 72, with a gap at hour 30 and new values elsewhere.
        var second = Ramp(48, from: 500);
        second[6] = double.NaN;
        store.Import([Hourly("GB", SignalKind.Carbon, June1st.AddHours(24), second)]);
        store.Import([Hourly("GB", SignalKind.Carbon, June1st.AddHours(24), second)]);

        var read = store.Read("GB", SignalKind.Carbon, All)!;
        Assert.Equal(new TimeGrid(June1st, Hour, 72), read.Grid);
        var expected = first.Concat(new double[24]).ToArray();
        for (var i = 0; i < 48; i++) if (!double.IsNaN(second[i])) expected[24 + i] = second[i];
        Assert.Equal(expected, read.Values.Values.ToArray());
        Assert.Equal(first[30], read.Values[30]);
        Assert.Equal(72, Assert.Single(store.Catalog()).Count);
    }

    [Fact]
    public void ASeriesWithAnotherStep_OrOffTheGrid_OrInAnotherCurrency_IsRefused_AndChangesNothing()
    {
        using var store = Open("tandem.db");
        store.Import([Hourly("NP", SignalKind.Price, June1st, Ramp(24), "EUR")]);

        var quarterHours = new SignalSeries("NP", SignalKind.Price, new Series<double>(new TimeGrid(June1st.AddDays(1), TimeSpan.FromMinutes(15), 8), Ramp(8)), "EUR");
        var e = Assert.Throws<StoreException>(() => store.Import([quarterHours]));
        Assert.Equal("NP price: the store holds this series in steps of 60 minutes; this one steps 15 minutes. A series keeps one step: resample the data, or store it under another zone", e.Message);

        e = Assert.Throws<StoreException>(() => store.Import([Hourly("NP", SignalKind.Price, June1st.AddMinutes(30), Ramp(4), "EUR")]));
        Assert.Contains("starts at 2020-06-01T00:30:00.0000000+00:00, between two of them", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<StoreException>(() => store.Import([Hourly("NP", SignalKind.Price, June1st, Ramp(4), "USD")]));
        Assert.Contains("in EUR; this series is in USD", e.Message, StringComparison.Ordinal);

        var entry = Assert.Single(store.Catalog());
        Assert.Equal(new SignalCatalogEntry("NP", SignalKind.Price, Hour, June1st, June1st.AddDays(1), 24, "EUR"), entry);
        Assert.Equal(Ramp(24), store.Read("NP", SignalKind.Price, All)!.Values.Values.ToArray());
    }

    [Fact]
    public void ABadSeriesInAnImport_LeavesTheWholeImportUnwritten()
    {
        using var store = Open("tandem.db");
        store.Import([Hourly("PJM", SignalKind.Carbon, June1st, Ramp(24))]);

        // The first two series are fine; the third clashes with what the same import just wrote (another step), which
        // only the database can tell: the transaction must take the first two back.
        var good = Hourly("PJM", SignalKind.CarbonFree, June1st, Ramp(24, from: 0));
        var extends = Hourly("PJM", SignalKind.Carbon, June1st.AddDays(1), Ramp(24, from: 900));
        var clash = new SignalSeries("PJM", SignalKind.CarbonFree, new Series<double>(new TimeGrid(June1st, TimeSpan.FromMinutes(30), 4), Ramp(4)));
        Assert.Throws<StoreException>(() => store.Import([good, extends, clash]));

        var entry = Assert.Single(store.Catalog());
        Assert.Equal(24, entry.Count);
        Assert.Equal(June1st.AddDays(1), entry.To);

        // Checks that need no database: an infinite value, a series of gaps only, a price without currency.
        var infinite = Ramp(3);
        infinite[1] = double.PositiveInfinity;
        Assert.Contains("infinite", Assert.Throws<StoreException>(() => store.Import([good, Hourly("PJM", SignalKind.Pue, June1st, infinite)])).Message, StringComparison.Ordinal);
        Assert.Contains("no values", Assert.Throws<StoreException>(() => store.Import([good, Hourly("PJM", SignalKind.Pue, June1st, [double.NaN])])).Message, StringComparison.Ordinal);
        Assert.Contains("currency", Assert.Throws<StoreException>(() => store.Import([good, Hourly("PJM", SignalKind.Price, June1st, [1.0])])).Message, StringComparison.Ordinal);
        Assert.Single(store.Catalog());
    }

    [Fact]
    public void Catalog_ListsEverySeries_WithStepSpanCountAndCurrency()
    {
        using var store = Open("tandem.db");
        var withGaps = Ramp(10);
        withGaps[0] = double.NaN;
        withGaps[4] = double.NaN;
        withGaps[9] = double.NaN;
        var fiveMinutes = new SignalSeries("CAISO_NORTH", SignalKind.MarginalCarbon, new Series<double>(new TimeGrid(June1st, TimeSpan.FromMinutes(5), 3000), Ramp(3000)));
        store.Import([Hourly("US-CAL-CISO", SignalKind.Price, June1st, Ramp(48), "USD"), Hourly("US-CAL-CISO", SignalKind.Carbon, June1st, withGaps), fiveMinutes]);

        Assert.Equal(
        [
            new SignalCatalogEntry("CAISO_NORTH", SignalKind.MarginalCarbon, TimeSpan.FromMinutes(5), June1st, June1st.AddMinutes(5 * 3000), 3000, null),
            // The span runs from the first step with a value to the end of the last; the count leaves gaps out.
            new SignalCatalogEntry("US-CAL-CISO", SignalKind.Carbon, Hour, June1st.AddHours(1), June1st.AddHours(9), 7, null),
            new SignalCatalogEntry("US-CAL-CISO", SignalKind.Price, Hour, June1st, June1st.AddHours(48), 48, "USD"),
        ], store.Catalog());
    }

    [Fact]
    public void ASeriesMayGrowBackwards_BeforeItsFirstImport()
    {
        using var store = Open("tandem.db");
        store.Import([Hourly("FR", SignalKind.Carbon, June1st, Ramp(24, from: 50))]);
        // Three thousand hours earlier: chunks before the series' origin.
        var earlier = June1st.AddHours(-3000);
        store.Import([Hourly("FR", SignalKind.Carbon, earlier, Ramp(3000, from: 7))]);
        var read = store.Read("FR", SignalKind.Carbon, All)!;
        Assert.Equal(new TimeGrid(earlier, Hour, 3024), read.Grid);
        Assert.Equal(Ramp(3000, from: 7).Concat(Ramp(24, from: 50)), read.Values.Values.ToArray());
    }
}
