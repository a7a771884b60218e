using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using Tandem.Cli.Simulate;
using Tandem.Formats;
using Tandem.Forecasting;

namespace Tandem.Cli.Forecast;

/// <summary>`tandem forecast backtest ...` (rolling-origin backtest with metrics, forecasts.csv and a chart) and
/// `tandem forecast ...` (a forecast from the end of the data, as a Tandem CSV with interval bounds).</summary>
internal static class ForecastCommand
{
    public static Command Create(ConsoleIo io)
    {
        var data = new Option<string>("--data") { Description = "Data file", Required = true };
        var format = new Option<string>("--format") { Description = "Its format (see docs/formats.md)", Required = true };
        var target = new Option<string>("--target") { Description = "Column to forecast, e.g. carbon_intensity_g_per_kwh", Required = true };
        var covariates = new Option<string>("--covariates") { Description = "Known-in-advance columns: auto (every *forecast* column but the target's own), none, or a list", DefaultValueFactory = _ => "auto" };
        var horizon = new Option<string>("--horizon") { Description = "How far ahead, e.g. 24h or 96h", DefaultValueFactory = _ => "24h" };
        var model = new Option<string>("--model") { Description = $"Model: {string.Join(", ", ForecastModelCatalog.Names)}", DefaultValueFactory = _ => "lightgbm" };
        var zone = new Option<string?>("--time-zone") { Description = "Zone of stamps without offset, for formats that need it" };
        var currency = new Option<string?>("--currency") { Description = "Currency of prices, for formats that need it" };
        var level = new Option<double>("--level") { Description = "Prediction interval coverage", DefaultValueFactory = _ => 0.9 };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads per LightGBM fit: 1 by default, so forecasts run side by side without stalling each other; give more only to a lone run on an idle machine",
            DefaultValueFactory = _ => LightGbmModel.DefaultThreads,
        };
        var outOpt = new Option<string?>("--out") { Description = "Output folder (backtest) or CSV file (forecast)" };

        var testFrom = new Option<string?>("--test-from") { Description = "First issue time of the test, ISO-8601 with offset (default: the last 20 % of the data, at 00:00 UTC)" };
        var testTo = new Option<string?>("--test-to") { Description = "End of the test (exclusive)" };
        var issueEvery = new Option<string>("--issue-every") { Description = "Time between forecasts", DefaultValueFactory = _ => "24h" };
        var refitEvery = new Option<int>("--refit-every") { Description = "Retrain every N forecasts", DefaultValueFactory = _ => 1 };
        var trainDays = new Option<int>("--train-days") { Description = "Days of history the learned models train on", DefaultValueFactory = _ => 365 };
        var backtest = new Command("backtest", "Rolling-origin backtest: MAE, MAPE, sMAPE, RMSE and interval coverage") { data, format, target, covariates, horizon, model, zone, currency, level, testFrom, testTo, issueEvery, refitEvery, trainDays, threads, outOpt };
        backtest.SetAction((pr, ct) => TrainingOn(pr.GetValue(data)!, async () =>
        {
            var s = Series(pr.GetValue(data)!, pr.GetValue(format)!, pr.GetValue(target)!, pr.GetValue(covariates)!, pr.GetValue(zone), pr.GetValue(currency));
            var h = ForecastData.Steps(pr.GetValue(horizon)!, s.Step, "--horizon");
            var every = ForecastData.Steps(pr.GetValue(issueEvery)!, s.Step, "--issue-every");
            if (pr.GetValue(refitEvery) < 1) throw new UsageException("--refit-every: must be at least 1");
            var lv = pr.GetValue(level);
            if (!(lv > 0 && lv < 1)) throw new UsageException("--level: must lie between 0 and 1");
            var from = Instant(pr.GetValue(testFrom), "--test-from") ?? Backtester.DefaultTestStart(s);
            var to = Instant(pr.GetValue(testTo), "--test-to") ?? s.Times[^1] + s.Step;
            if (s.IndexOf(from) < s.StepsPerDay * 14) throw new UsageException($"--test-from: {from:O} must be a time of the data with at least two weeks of history before it");
            if (to <= from) throw new UsageException("--test-to: must be after --test-from");
            var m = ForecastData.Model(pr.GetValue(model)!, pr.GetValue(trainDays), pr.GetValue(threads));
            var result = Backtester.Run(s, m, h, from, to, s.Step * every, pr.GetValue(refitEvery), lv);
            var c = CultureInfo.InvariantCulture;
            var mt = result.Metrics;
            await io.Out.WriteLineAsync(string.Create(c, $"{result.Model} on {s.Target}, {result.Points.Count} points, issued every {pr.GetValue(issueEvery)} from {from:yyyy-MM-dd HH:mm}Z to {to:yyyy-MM-dd HH:mm}Z, {result.Fits} fits, {result.WallSeconds:0.0} s"));
            await io.Out.WriteLineAsync(string.Create(c, $"MAE {mt.Mae:0.###}  MAPE {mt.MapePercent:0.##}%  sMAPE {mt.SmapePercent:0.##}%  RMSE {mt.Rmse:0.###}  coverage {mt.Coverage:P1} (nominal {mt.NominalCoverage:P0})"));
            if (pr.GetValue(outOpt) is { } dir)
            {
                await Writing(dir, async () =>
                {
                    Directory.CreateDirectory(dir);
                    await File.WriteAllTextAsync(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(new
                    {
                        model = result.Model, target = s.Target, horizon_steps = h, issue_every = pr.GetValue(issueEvery), test_from = from, test_to = to,
                        points = mt.Count, mae = mt.Mae, mape_percent = mt.MapePercent, smape_percent = mt.SmapePercent, rmse = mt.Rmse,
                        interval_coverage = mt.Coverage, interval_nominal = mt.NominalCoverage, fits = result.Fits, wall_seconds = result.WallSeconds,
                    }, SummaryFile.Json), ct);
                    await WriteCsvAsync(Path.Combine(dir, "forecasts.csv"), result.Points, ct);
                    await File.WriteAllBytesAsync(Path.Combine(dir, "forecast.png"), Chart(result, s.Target), ct);
                });
                await io.Out.WriteLineAsync($"Wrote metrics.json, forecasts.csv and forecast.png to {dir}");
            }
            return 0;
        }));

        var ettData = new Option<string>("--data") { Description = "An ETT file: ETTh1.csv, ETTh2.csv (hourly), ETTm1.csv, ETTm2.csv (15-minute), plain or .gz", Required = true };
        var ettHorizons = new Option<string>("--horizons") { Description = "Comma-separated output lengths, in steps of the file", DefaultValueFactory = _ => "96,192,336,720" };
        var ett = new Command("ett", "The ETT long-horizon protocol (12/4/4 months at the file's own step, z-score on train, multivariate) with DLinear") { ettData, ettHorizons };
        ett.SetAction((pr, ct) => TrainingOn(pr.GetValue(ettData)!, async () =>
        {
            var c = CultureInfo.InvariantCulture;
            var horizons = pr.GetValue(ettHorizons)!.Split(',', StringSplitOptions.TrimEntries).Select(text =>
                int.TryParse(text, NumberStyles.None, c, out var h) && h >= 1 ? h : throw new UsageException($"--horizons: '{text}' is not a positive whole number")).ToArray();
            var file = pr.GetValue(ettData)!;
            var bench = EttBenchmark.FromTable(new EttFormat().Read(file, new SignalReadOptions(TimeZoneInfo.Utc)));
            var sp = bench.Split;
            var longest = sp.TestEnd - sp.TestStart(336) - 336;
            if (horizons.FirstOrDefault(h => h > longest) is var tooLong and > 0)
                throw new UsageException($"--horizons: {tooLong} is longer than the {longest} steps the test rows leave after an input of 336");
            await io.Out.WriteLineAsync(string.Create(c,
                $"{Path.GetFileName(file)}: {bench.Channels} channels, {sp.Step.TotalMinutes:0}-minute steps; train rows [0, {sp.TrainEnd}), validation [{sp.ValidationStart(336)}, {sp.ValidationEnd}), test [{sp.TestStart(336)}, {sp.TestEnd})"));
            foreach (var h in horizons)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var r = bench.Run(h);
                await io.Out.WriteLineAsync(string.Create(c, $"dlinear horizon {h}: MSE {r.Mse:0.000} MAE {r.Mae:0.000} over {r.Windows} test windows × {h} leads ({clock.Elapsed.TotalSeconds:0.0} s)"));
            }
            return 0;
        }));
        var forecast = new Command("forecast", "Forecast from the end of the data, or backtest a model") { data, format, target, covariates, horizon, model, zone, currency, level, threads, outOpt, backtest, ett };
        forecast.SetAction((pr, ct) => TrainingOn(pr.GetValue(data)!, async () =>
        {
            var s = Series(pr.GetValue(data)!, pr.GetValue(format)!, pr.GetValue(target)!, pr.GetValue(covariates)!, pr.GetValue(zone), pr.GetValue(currency));
            var h = ForecastData.Steps(pr.GetValue(horizon)!, s.Step, "--horizon");
            var m = ForecastData.Model(pr.GetValue(model)!, threads: pr.GetValue(threads));
            var lv = pr.GetValue(level);
            if (!(lv > 0 && lv < 1)) throw new UsageException("--level: must lie between 0 and 1");
            var f = LiveForecast.Issue(s, m, h, lv);
            if (!f.IntervalCalibrated)
                await io.Error.WriteLineAsync("warning: fewer than six weeks of data (or too little before the last four for the model to train on), so there are no out-of-sample errors to calibrate the interval on; its bounds are left empty");
            var c = CultureInfo.InvariantCulture;
            var q = ((1 - lv) / 2 * 100).ToString("0", c);
            var sb = new StringBuilder($"timestamp,{s.Target},{s.Target}_p{q},{s.Target}_p{(100 - (1 - lv) / 2 * 100).ToString("0", c)}\n");
            foreach (var p in f.Points)
                sb.Append(c, $"{p.Target:yyyy-MM-ddTHH:mm:ssZ},{p.Forecast:0.####},{Bound(p.Lower, "0.####")},{Bound(p.Upper, "0.####")}\n");
            if (pr.GetValue(outOpt) is { } path) await Writing(path, () => File.WriteAllTextAsync(path, sb.ToString(), ct));
            else await io.Out.WriteAsync(sb.ToString());
            return 0;
        }));
        return forecast;
    }

    /// <summary>The series to forecast: the file read in its format, the target and the chosen covariates.</summary>
    private static ForecastSeries Series(string file, string format, string target, string covariates, string? zone, string? currency) =>
        ForecastSeries.FromTable(ForecastData.Read(file, format, zone, currency), target, CovariateChoice.Parse(covariates));

    /// <summary>Runs a command whose model trains on <paramref name="file"/>: a model that cannot be trained on it is
    /// bad input, reported against the file (exit 2).</summary>
    private static async Task<int> TrainingOn(string file, Func<Task<int>> run)
    {
        try { return await run(); }
        catch (ForecastModelException e) { throw new DataFileException(file, "", 0, $"cannot train {e.Message}"); }
    }

    /// <summary>Writes an output; a path that cannot be written is a wrong --out (exit 2).</summary>
    private static async Task Writing(string path, Func<Task> write)
    {
        try { await write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--out: cannot write {path}: {e.Message}"); }
    }

    private static DateTimeOffset? Instant(string? text, string option)
    {
        if (text is null) return null;
        return Timestamps.TryParseWithOffset(text, out var t) ? t : throw new UsageException($"{option}: '{text}' is not an ISO-8601 time with an offset");
    }

    private static async Task WriteCsvAsync(string path, IReadOnlyList<ForecastPoint> points, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("issued_at,target_time,actual,forecast,lower,upper\n");
        foreach (var p in points)
            sb.Append(c, $"{p.IssuedAt:yyyy-MM-ddTHH:mm:ssZ},{p.Target:yyyy-MM-ddTHH:mm:ssZ},{p.Actual:R},{p.Forecast:R},{Bound(p.Lower, "R")},{Bound(p.Upper, "R")}\n");
        await File.WriteAllTextAsync(path, sb.ToString(), ct);
    }

    /// <summary>An interval bound, or nothing while the interval is not yet calibrated (infinite).</summary>
    private static string Bound(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    private static byte[] Chart(BacktestResult r, string target)
    {
        var plt = new Plot();
        var pts = r.Points.Take(24 * 14).ToArray();
        var xs = pts.Select(p => p.Target.UtcDateTime.ToOADate()).ToArray();
        var band = plt.Add.FillY(xs, pts.Select(p => double.IsFinite(p.Upper) ? p.Upper : p.Forecast).ToArray(), pts.Select(p => double.IsFinite(p.Lower) ? p.Lower : p.Forecast).ToArray());
        band.FillColor = Colors.SteelBlue.WithAlpha(0.2);
        band.LegendText = $"{r.Metrics.NominalCoverage:P0} interval";
        var a = plt.Add.ScatterLine(xs, pts.Select(p => p.Actual).ToArray());
        a.LegendText = "actual";
        a.Color = Colors.Black;
        var f = plt.Add.ScatterLine(xs, pts.Select(p => p.Forecast).ToArray());
        f.LegendText = $"{r.Model} forecast";
        f.Color = Colors.SteelBlue;
        plt.Axes.DateTimeTicksBottom();
        plt.Axes.Left.Label.Text = target;
        plt.Title($"{r.Model}: first two weeks of the backtest (UTC)");
        plt.ShowLegend(Alignment.UpperLeft);
        return plt.GetImageBytes(1000, 380, ImageFormat.Png);
    }
}
