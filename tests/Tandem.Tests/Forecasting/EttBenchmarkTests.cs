using Tandem.Formats;
using Tandem.Forecasting;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Forecasting;

public class EttBenchmarkTests
{
    [Fact]
    public void Split_FollowsTheFilesStep_12_4_4MonthsOf30Days()
    {
        var hourly = EttSplit.For(TimeSpan.FromHours(1));
        Assert.Equal((8640, 11520, 14400, 8304, 11184), (hourly.TrainEnd, hourly.ValidationEnd, hourly.TestEnd, hourly.ValidationStart(336), hourly.TestStart(336)));
        // ETTm: the same months, four rows an hour (Informer's Dataset_ETT_minute borders).
        var quarterHourly = EttSplit.For(TimeSpan.FromMinutes(15));
        Assert.Equal((34560, 46080, 57600, 34224, 45744),
            (quarterHourly.TrainEnd, quarterHourly.ValidationEnd, quarterHourly.TestEnd, quarterHourly.ValidationStart(336), quarterHourly.TestStart(336)));
    }

    [Fact]
    public void FromTable_ReadsTheStepFromTheTimes_AndRejectsTooShortAFile()
    {
        var t0 = new DateTimeOffset(2016, 7, 1, 0, 0, 0, TimeSpan.Zero);
        TimeSeriesTable Table(int rows) => new("m.csv", Enumerable.Range(0, rows).Select(i => t0.AddMinutes(15 * i)).ToArray(), Enumerable.Range(2, rows).ToArray(),
            new() { ["oil_temperature_c"] = Enumerable.Range(0, rows).Select(i => Math.Sin(i / 40.0)).ToArray() }, null);
        var bench = EttBenchmark.FromTable(Table(57600));
        Assert.Equal(TimeSpan.FromMinutes(15), bench.Split.Step);
        Assert.Equal(34560, bench.Split.TrainEnd);
        var e = Assert.Throws<DataFileException>(() => EttBenchmark.FromTable(Table(14400)));
        Assert.Equal("m.csv: has 14400 rows; the ETT protocol's 20 months of 30 days need 57600 rows at a 15-minute step", Assert.Single(e.Problems).ToString());
    }

    /// <summary>DLinear on the 15-minute ETTm2 at horizon 96, against its published figure (LTSF-Linear table,
    /// MSE 0.167, MAE 0.260). Ours is the closed-form fit and lands 3 % (MSE) and 3.5 % (MAE) above it; 5 % is the margin
    /// (docs/benchmarks.md explains the gap, which grows with the horizon). Before the split followed the file's step
    /// it trained on a quarter of the window and scored 0.680.</summary>
    [Fact]
    public void DLinear_OnEttm2_Horizon96_LandsNearThePublishedFigure()
    {
        var path = SharedData.File("forecasting_benchmarks/ett/ETTm2.csv.gz");
        var bench = EttBenchmark.FromTable(new EttFormat().Read(path, new SignalReadOptions(TimeZoneInfo.Utc)));
        Assert.Equal((TimeSpan.FromMinutes(15), 34560, 45744, 57600), (bench.Split.Step, bench.Split.TrainEnd, bench.Split.TestStart(336), bench.Split.TestEnd));
        var r = bench.Run(96);
        Assert.Equal(7 * (57600 - 45744 - 336 - 96 + 1), r.Windows);
        Assert.InRange(r.Mse, 0.167 * 0.95, 0.167 * 1.05);
        Assert.InRange(r.Mae, 0.260 * 0.95, 0.260 * 1.05);
    }

    /// <summary>The same on the hourly ETTh1 (published 0.375 / 0.399), where ours is 1 % below.</summary>
    [Fact]
    public void DLinear_OnEtth1_Horizon96_LandsNearThePublishedFigure()
    {
        var path = SharedData.File("forecasting_benchmarks/ett/ETTh1.csv");
        var bench = EttBenchmark.FromTable(new EttFormat().Read(path, new SignalReadOptions(TimeZoneInfo.Utc)));
        Assert.Equal(TimeSpan.FromHours(1), bench.Split.Step);
        var r = bench.Run(96);
        Assert.InRange(r.Mse, 0.375 * 0.95, 0.375 * 1.05);
        Assert.InRange(r.Mae, 0.399 * 0.95, 0.399 * 1.05);
    }
}
