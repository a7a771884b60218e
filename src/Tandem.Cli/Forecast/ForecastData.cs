using System.Globalization;
using Tandem.Formats;
using Tandem.Forecasting;

namespace Tandem.Cli.Forecast;

/// <summary>Reads a file in a named format into a <see cref="ForecastSeries"/>: a target column and its
/// known-in-advance covariates ("auto": every column with "forecast" in its name, except forecasts of the target
/// itself, which would be someone else's answer).</summary>
internal static class ForecastData
{
    public static ForecastSeries Load(string file, string format, string target, string covariates, string? timeZone, string? currency)
    {
        var table = Signals.FormatFlags.Read(file, format, timeZone, currency);
        if (!table.Has(target)) throw new UsageException($"--target: '{target}' is not a column of {format}; it gives: {string.Join(", ", table.ColumnNames)}");
        var stem = target.Split('_')[0];
        var names = covariates switch
        {
            "none" => [],
            "auto" => table.ColumnNames.Where(n => n.Contains("forecast", StringComparison.Ordinal) && n != target && !n.StartsWith(stem, StringComparison.Ordinal)).ToArray(),
            _ => covariates.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        foreach (var n in names.Where(n => !table.Has(n))) throw new UsageException($"--covariates: '{n}' is not a column of {format}");
        var times = table.Times.ToArray();
        try
        {
            return new ForecastSeries(target, times, table.Column(target), names.ToDictionary(n => n, table.Column));
        }
        catch (ArgumentException e)
        {
            throw new DataFileException(file, "", 0, e.Message);
        }
    }

    /// <summary>Parses a horizon such as 24h, 96h or 2d into steps of the series.</summary>
    public static int Steps(string text, TimeSpan step, string option)
    {
        TimeSpan? span = null;
        if (text.EndsWith('h') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)) span = TimeSpan.FromHours(h);
        else if (text.EndsWith('d') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) span = TimeSpan.FromDays(d);
        if (span is not { } s || s <= TimeSpan.Zero || s.Ticks % step.Ticks != 0)
            throw new UsageException($"{option}: '{text}' is not a positive whole number of {step.TotalMinutes:0}-minute steps written like 24h or 2d");
        return (int)(s / step);
    }
}
