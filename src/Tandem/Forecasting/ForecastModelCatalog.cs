namespace Tandem.Forecasting;

/// <summary>The forecast models that can be named (on the command line, and by the server).</summary>
public static class ForecastModelCatalog
{
    /// <summary>Every model name, the default (lightgbm) first.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["lightgbm", "lear", "ensemble", "dlinear", "seasonal-naive", "seasonal-naive-weekly", "persistence"];

    /// <summary>A fresh, untrained model by name, or null if there is none of that name. <paramref name="trainDays"/>
    /// is the history LightGBM trains on (days, at least 14); <paramref name="lightGbmThreads"/> the threads each
    /// LightGBM fit may use (see <see cref="LightGbmModel"/>).</summary>
    public static IForecastModel? Create(string name, int trainDays = 365, int lightGbmThreads = LightGbmModel.DefaultThreads) => name switch
    {
        "lightgbm" => new LightGbmModel(trainDays, threads: lightGbmThreads),
        "lear" => LearModel.Ensemble(),
        "ensemble" => new EnsembleModel("ensemble", new LightGbmModel(trainDays, threads: lightGbmThreads), LearModel.Ensemble()),
        "dlinear" => new DLinearModel(),
        "seasonal-naive" => new SeasonalNaiveModel(1),
        "seasonal-naive-weekly" => new SeasonalNaiveModel(7),
        "persistence" => new PersistenceModel(),
        _ => null,
    };
}
