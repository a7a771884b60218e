using System.Globalization;
using Tandem.Formats;
using Tandem.Forecasting;

namespace Tandem.Cli.Forecast;

/// <summary>Turns the forecast commands' options into what the domain takes: a table read in a named format, steps
/// from a span such as 24h, a model by name. A wrong option is a <see cref="UsageException"/> naming it.</summary>
internal static class ForecastData
{
    /// <summary>Reads <paramref name="file"/> in the format named <paramref name="format"/>.</summary>
    public static TimeSeriesTable Read(string file, string format, string? timeZone, string? currency)
    {
        return Signals.FormatFlags.Read(file, format, timeZone, currency);
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

    /// <summary>A fresh model by name.</summary>
    public static IForecastModel Model(string name, int trainDays = 365, int threads = LightGbmModel.DefaultThreads)
    {
        if (name is "lightgbm" or "ensemble" && trainDays < 14) throw new UsageException("--train-days: must be at least 14");
        if (threads < 1) throw new UsageException("--threads: must be at least 1");
        return ForecastModelCatalog.Create(name, trainDays, threads)
            ?? throw new UsageException($"--model: unknown model '{name}'; known: {string.Join(", ", ForecastModelCatalog.Names)}");
    }
}
