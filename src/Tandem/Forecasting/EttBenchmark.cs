using Tandem.Formats;

namespace Tandem.Forecasting;

/// <summary>The long-horizon forecasting protocol of Informer, Autoformer, DLinear and PatchTST on an ETT file: the
/// rows of <see cref="EttSplit"/> for the file's own time step (hourly ETTh or 15-minute ETTm), every channel
/// z-scored with the training mean and deviation, windows of L inputs and H outputs sliding by one step, and MSE and MAE
/// over all channels, windows and leads of the test rows on the normalised values. Multivariate: one DLinear model shared
/// by all channels (channel-independent, as DLinear's default). The validation rows are not used: the closed-form
/// ridge fit has no epochs to stop early.</summary>
public sealed class EttBenchmark
{
    private readonly double[][] _channels; // z-scored, rows [0, TestEnd)

    private EttBenchmark(string file, EttSplit split, double[][] channels)
    {
        File = file;
        Split = split;
        _channels = channels;
    }

    /// <summary>The file read.</summary>
    public string File { get; }
    /// <summary>The rows of the protocol for the file's step.</summary>
    public EttSplit Split { get; }
    /// <summary>Channels (columns) forecast.</summary>
    public int Channels => _channels.Length;

    /// <summary>Prepares the protocol on a table read from an ETT file (every column is a channel). The table must
    /// step evenly by a step that divides 30 days, hold the protocol's 20 months of rows and no missing value in them;
    /// otherwise a <see cref="DataFileException"/> names the file and each problem.</summary>
    public static EttBenchmark FromTable(TimeSeriesTable table)
    {
        var times = table.Times;
        if (times.Count < 2) throw new DataFileException(table.File, "", 0, $"has {times.Count} rows; the ETT protocol needs 20 months of them");
        var step = times[1] - times[0];
        var problems = new List<DataProblem>();
        for (var i = 1; i < times.Count && problems.Count < 20; i++)
            if (times[i] - times[i - 1] != step)
                problems.Add(new DataProblem(table.File, "", table.Lines[i],
                    $"time {times[i]:O} comes {(times[i] - times[i - 1]).TotalMinutes:0.##} minutes after the one before; the file steps by {step.TotalMinutes:0.##}"));
        if (problems.Count > 0) throw new DataFileException(problems);
        if (step <= TimeSpan.Zero || TimeSpan.FromDays(30).Ticks % step.Ticks != 0)
            throw new DataFileException(table.File, "", 0, $"steps by {step.TotalMinutes:0.##} minutes; the ETT protocol needs a step that divides 30 days (hourly or 15 minutes)");
        var split = EttSplit.For(step);
        if (times.Count < split.TestEnd)
            throw new DataFileException(table.File, "", 0,
                $"has {times.Count} rows; the ETT protocol's 20 months of 30 days need {split.TestEnd} rows at a {step.TotalMinutes:0.##}-minute step");
        var end = times[split.TestEnd - 1] + step;
        foreach (var column in table.ColumnNames) problems.AddRange(table.Problems(column, times[0], end));
        if (problems.Count > 0) throw new DataFileException(problems.Take(20).ToList());
        var channels = table.ColumnNames.Select(name => Normalise(table.Column(name), split)).ToArray();
        return new EttBenchmark(table.File, split, channels);
    }

    /// <summary>Trains DLinear with an input of <paramref name="lookback"/> steps for <paramref name="horizon"/> steps on
    /// the training rows and scores it on the test rows.</summary>
    public EttResult Run(int horizon, int lookback = 336)
    {
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "at least one step");
        var model = new DLinearModel(lookback);
        model.FitWindows(_channels.Select(c => (ReadOnlyMemory<double>)c.AsMemory(0, Split.TrainEnd)).ToArray(), horizon);
        double se = 0, ae = 0;
        long n = 0;
        var windows = 0;
        foreach (var c in _channels)
        {
            for (var s = Split.TestStart(lookback); s + lookback + horizon <= Split.TestEnd; s++)
            {
                var f = model.Predict(c.AsSpan(s, lookback), horizon);
                for (var k = 0; k < horizon; k++)
                {
                    var e = f[k] - c[s + lookback + k];
                    se += e * e;
                    ae += Math.Abs(e);
                    n++;
                }
                windows++;
            }
        }
        if (n == 0) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "longer than the test rows");
        return new EttResult(horizon, se / n, ae / n, windows);
    }

    /// <summary>Rows [0, TestEnd) as z-scores with the training rows' mean and (population) deviation, as the
    /// protocol's StandardScaler does.</summary>
    private static double[] Normalise(double[] values, EttSplit split)
    {
        var train = values.AsSpan(0, split.TrainEnd);
        double mean = 0;
        foreach (var v in train) mean += v;
        mean /= train.Length;
        double ss = 0;
        foreach (var v in train) ss += (v - mean) * (v - mean);
        var sd = Math.Sqrt(ss / train.Length);
        if (sd == 0) sd = 1;
        var z = new double[split.TestEnd];
        for (var i = 0; i < z.Length; i++) z[i] = (values[i] - mean) / sd;
        return z;
    }
}
