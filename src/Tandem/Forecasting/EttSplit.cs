namespace Tandem.Forecasting;

/// <summary>The rows of the ETT long-horizon protocol (Informer, Autoformer, DLinear, PatchTST) for a file's time step:
/// 12 months to train, 4 to validate, 4 to test, a month being 30 days. Hourly ETTh files: train [0, 8640), validation
/// [8640 − L, 11520), test [11520 − L, 14400), for an input of L steps; 15-minute ETTm files four times these rows.
/// The validation and test windows start L rows early so their first forecast has a whole input before it.</summary>
/// <param name="Step">The file's time step.</param>
/// <param name="RowsPerMonth">Rows in 30 days at that step (720 hourly, 2,880 at 15 minutes).</param>
public sealed record EttSplit(TimeSpan Step, int RowsPerMonth)
{
    /// <summary>The split for a file stepping by <paramref name="step"/>, which must divide 30 days evenly.</summary>
    public static EttSplit For(TimeSpan step)
    {
        var month = TimeSpan.FromDays(30);
        if (step <= TimeSpan.Zero || month.Ticks % step.Ticks != 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "the step must divide 30 days evenly");
        return new EttSplit(step, (int)(month.Ticks / step.Ticks));
    }

    /// <summary>End (exclusive) of the training rows: 12 months.</summary>
    public int TrainEnd => 12 * RowsPerMonth;
    /// <summary>End (exclusive) of the validation rows: 16 months.</summary>
    public int ValidationEnd => 16 * RowsPerMonth;
    /// <summary>End (exclusive) of the test rows: 20 months; the file must hold at least this many rows.</summary>
    public int TestEnd => 20 * RowsPerMonth;

    /// <summary>First row of the validation windows for an input of <paramref name="lookback"/> steps.</summary>
    public int ValidationStart(int lookback) => TrainEnd - lookback;
    /// <summary>First row of the test windows for an input of <paramref name="lookback"/> steps.</summary>
    public int TestStart(int lookback) => ValidationEnd - lookback;
}
