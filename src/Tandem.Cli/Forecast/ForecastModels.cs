using Tandem.Forecasting;

namespace Tandem.Cli.Forecast;

/// <summary>The forecast models that can be named on the command line.</summary>
internal static class ForecastModels
{
    public static readonly string[] Names = ["lightgbm", "dlinear", "seasonal-naive", "seasonal-naive-weekly", "persistence"];

    public static IForecastModel Create(string name) => name switch
    {
        "lightgbm" => new LightGbmModel(),
        "dlinear" => new DLinearModel(),
        "seasonal-naive" => new SeasonalNaiveModel(1),
        "seasonal-naive-weekly" => new SeasonalNaiveModel(7),
        "persistence" => new PersistenceModel(),
        _ => throw new UsageException($"--model: unknown model '{name}'; known: {string.Join(", ", Names)}"),
    };
}
