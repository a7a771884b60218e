using Tandem.Forecasting;

namespace Tandem.Cli.Forecast;

/// <summary>The forecast models that can be named on the command line.</summary>
internal static class ForecastModels
{
    public static readonly string[] Names = ["lightgbm", "lear", "ensemble", "dlinear", "seasonal-naive", "seasonal-naive-weekly", "persistence"];

    public static IForecastModel Create(string name, int trainDays = 365) => name switch
    {
        "lightgbm" => trainDays >= 14 ? new LightGbmModel(trainDays) : throw new UsageException("--train-days: must be at least 14"),
        "lear" => LearModel.Ensemble(),
        "ensemble" => new EnsembleModel("ensemble", new LightGbmModel(trainDays), LearModel.Ensemble()),
        "dlinear" => new DLinearModel(),
        "seasonal-naive" => new SeasonalNaiveModel(1),
        "seasonal-naive-weekly" => new SeasonalNaiveModel(7),
        "persistence" => new PersistenceModel(),
        _ => throw new UsageException($"--model: unknown model '{name}'; known: {string.Join(", ", Names)}"),
    };
}
