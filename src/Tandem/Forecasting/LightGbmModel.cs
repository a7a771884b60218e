using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Tandem.Forecasting;

/// <summary>Gradient-boosted trees (ML.NET LightGBM), one model for every lead, trained on forecasts issued in the
/// training data at the same issue hour as the test: the features of <see cref="ForecastFeatures"/>, the label the
/// target's change from the same hour of the last known day. Trained models save to and load from a zip file.
/// Each fit uses <c>threads</c> threads (default <see cref="DefaultThreads"/>): LightGBM's OpenMP threads spin while
/// they wait, so two fits that each ask for every core stall one another (a one-second backtest took over 100 s beside
/// a second one on two cores); one thread per fit lets many forecasts run side by side, each at its own speed.</summary>
public sealed class LightGbmModel(int trainDays = 365, int iterations = 80, int seed = 1, int threads = LightGbmModel.DefaultThreads) : IForecastModel
{
    /// <summary>Threads per fit unless told otherwise: one, so that concurrent forecasts share the cores without
    /// spinning against each other.</summary>
    public const int DefaultThreads = 1;

    private readonly int _threads = threads >= 1 ? threads : throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
    private readonly MLContext _ml = new(seed);
    private ITransformer? _model;
    /// <summary>Set when every training label (the target less its seasonal-naive anchor) was the same: LightGBM grows
    /// no split on such data (and ML.NET fails to read the empty trees back), and the label is the forecast's offset.</summary>
    private double? _constantLabel;
    private PredictionEngine<Row, Scored>? _engine;
    private string[] _covariates = [];
    private int _features;

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }

    /// <inheritdoc />
    public string Name => "lightgbm";

    /// <inheritdoc />
    public void Fit(ForecastSeries series, int trainEnd, int horizon, int issueEvery)
    {
        _covariates = series.Covariates.Keys.Order(StringComparer.Ordinal).ToArray();
        _features = ForecastFeatures.Count(_covariates.Length);
        var rows = new List<Row>();
        var first = Math.Max(series.StepsPerDay * 8, trainEnd - trainDays * series.StepsPerDay);
        // Issue times in the training window on the same grid of issue times as the test (every issueEvery steps).
        var start = first + ((trainEnd - first) % issueEvery);
        var buffer = new float[_features];
        for (var issue = start; issue + horizon <= trainEnd; issue += issueEvery)
        {
            var r = new ForecastRequest(series, issue, horizon);
            for (var k = 0; k < horizon; k++)
            {
                var y = series.Values[issue + k];
                if (!double.IsFinite(y)) continue;
                ForecastFeatures.Write(r, k, _covariates, buffer);
                rows.Add(new Row { Features = (float[])buffer.Clone(), Label = (float)(y - ForecastFeatures.Anchor(r, k)) });
            }
        }
        if (rows.Count < 50)
            throw new ForecastModelException(Name, $"only {rows.Count} training rows (issue times × leads with a known target) before the first issue time; it needs 50; give more history");
        _constantLabel = null;
        if (rows.All(r => Math.Abs(r.Label - rows[0].Label) < 1e-9))
        {
            // A series that repeats day after day (a fixed tariff, a constant factor): nothing for trees to learn.
            _constantLabel = rows[0].Label;
            _model = null;
            _engine = null;
            return;
        }
        var data = _ml.Data.LoadFromEnumerable(rows, Schema());
        var trainer = _ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = iterations, NumberOfLeaves = 31, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20,
            NumberOfThreads = _threads, Seed = seed, Verbose = false, Silent = true,
        });
        try { _model = trainer.Fit(data); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        { throw new ForecastModelException(Name, $"LightGBM could not train on the data: {e.Message}", e); }
        _engine = null;
    }

    /// <inheritdoc />
    public double[] Predict(ForecastRequest r)
    {
        if (_constantLabel is { } offset)
        {
            var flat = new double[r.Horizon];
            for (var k = 0; k < r.Horizon; k++) flat[k] = ForecastFeatures.Anchor(r, k) + offset;
            return flat;
        }
        if (_model is null) throw new InvalidOperationException("Fit or Load the model first.");
        _engine ??= _ml.Model.CreatePredictionEngine<Row, Scored>(_model, inputSchemaDefinition: Schema());
        var result = new double[r.Horizon];
        var row = new Row { Features = new float[_features] };
        var score = new Scored();
        for (var k = 0; k < r.Horizon; k++)
        {
            ForecastFeatures.Write(r, k, _covariates, row.Features);
            _engine.Predict(row, ref score);
            result[k] = score.Score + ForecastFeatures.Anchor(r, k);
        }
        return result;
    }

    /// <summary>Saves the trained model and its covariate list.</summary>
    public void Save(string path)
    {
        if (_model is null) throw new InvalidOperationException("Nothing to save: the model is not trained.");
        using var f = File.Create(path);
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<Row>(), Schema()).Schema, f);
        File.WriteAllLines(path + ".covariates", _covariates);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public void Load(string path)
    {
        _covariates = File.Exists(path + ".covariates") ? File.ReadAllLines(path + ".covariates") : [];
        _features = ForecastFeatures.Count(_covariates.Length);
        using var f = File.OpenRead(path);
        _model = _ml.Model.Load(f, out _);
        _engine = null;
    }

    private SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _features);
        return schema;
    }
}
