using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using Tandem.Cli.Simulate;
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
        var model = new Option<string>("--model") { Description = $"Model: {string.Join(", ", ForecastModels.Names)}", DefaultValueFactory = _ => "lightgbm" };
        var zone = new Option<string?>("--time-zone") { Description = "Zone of stamps without offset, for formats that need it" };
        var currency = new Option<string?>("--currency") { Description = "Currency of prices, for formats that need it" };
        var level = new Option<double>("--level") { Description = "Prediction interval coverage", DefaultValueFactory = _ => 0.9 };
        var outOpt = new Option<string?>("--out") { Description = "Output folder (backtest) or CSV file (forecast)" };

        var testFrom = new Option<string?>("--test-from") { Description = "First issue time of the test, ISO-8601 with offset (default: the last 20 % of the data, at 00:00 UTC)" };
        var testTo = new Option<string?>("--test-to") { Description = "End of the test (exclusive)" };
        var issueEvery = new Option<string>("--issue-every") { Description = "Time between forecasts", DefaultValueFactory = _ => "24h" };
        var refitEvery = new Option<int>("--refit-every") { Description = "Retrain every N forecasts", DefaultValueFactory = _ => 1 };
        var trainDays = new Option<int>("--train-days") { Description = "Days of history the learned models train on", DefaultValueFactory = _ => 365 };
        var backtest = new Command("backtest", "Rolling-origin backtest: MAE, MAPE, sMAPE, RMSE and interval coverage") { data, format, target, covariates, horizon, model, zone, currency, level, testFrom, testTo, issueEvery, refitEvery, trainDays, outOpt };
        backtest.SetAction(async (pr, ct) =>
        {
            var s = ForecastData.Load(pr.GetValue(data)!, pr.GetValue(format)!, pr.GetValue(target)!, pr.GetValue(covariates)!, pr.GetValue(zone), pr.GetValue(currency));
            var h = ForecastData.Steps(pr.GetValue(horizon)!, s.Step, "--horizon");
            var every = ForecastData.Steps(pr.GetValue(issueEvery)!, s.Step, "--issue-every");
            if (pr.GetValue(refitEvery) < 1) throw new UsageException("--refit-every: must be at least 1");
            var lv = pr.GetValue(level);
            if (!(lv > 0 && lv < 1)) throw new UsageException("--level: must lie between 0 and 1");
            var from = Instant(pr.GetValue(testFrom), "--test-from") ?? DefaultTestStart(s);
            var to = Instant(pr.GetValue(testTo), "--test-to") ?? s.Times[^1] + s.Step;
            if (s.IndexOf(from) < s.StepsPerDay * 14) throw new UsageException($"--test-from: {from:O} must be a time of the data with at least two weeks of history before it");
            if (to <= from) throw new UsageException("--test-to: must be after --test-from");
            var m = ForecastModels.Create(pr.GetValue(model)!, pr.GetValue(trainDays));
            var result = Backtester.Run(s, m, h, from, to, s.Step * every, pr.GetValue(refitEvery), lv);
            var c = CultureInfo.InvariantCulture;
            var mt = result.Metrics;
            await io.Out.WriteLineAsync(string.Create(c, $"{result.Model} on {s.Target}, {result.Points.Count} points, issued every {pr.GetValue(issueEvery)} from {from:yyyy-MM-dd HH:mm}Z to {to:yyyy-MM-dd HH:mm}Z, {result.Fits} fits, {result.WallSeconds:0.0} s"));
            await io.Out.WriteLineAsync(string.Create(c, $"MAE {mt.Mae:0.###}  MAPE {mt.MapePercent:0.##}%  sMAPE {mt.SmapePercent:0.##}%  RMSE {mt.Rmse:0.###}  coverage {mt.Coverage:P1} (nominal {mt.NominalCoverage:P0})"));
            if (pr.GetValue(outOpt) is { } dir)
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
                await io.Out.WriteLineAsync($"Wrote metrics.json, forecasts.csv and forecast.png to {dir}");
            }
            return 0;
        });

        var ettData = new Option<string>("--data") { Description = "ETTh1.csv or ETTh2.csv", Required = true };
        var ettHorizons = new Option<string>("--horizons") { Description = "Comma-separated output lengths", DefaultValueFactory = _ => "96,192" };
        var ett = new Command("ett", "The ETT long-horizon protocol (12/4/4 split, z-score on train, multivariate) with DLinear") { ettData, ettHorizons };
        ett.SetAction(async (pr, ct) =>
        {
            var table = new Tandem.Formats.EttFormat().Read(pr.GetValue(ettData)!, new Tandem.Formats.SignalReadOptions(TimeZoneInfo.Utc));
            var channels = table.ColumnNames.Select(table.Column).ToArray();
            var c = CultureInfo.InvariantCulture;
            foreach (var text in pr.GetValue(ettHorizons)!.Split(','))
            {
                if (!int.TryParse(text, NumberStyles.None, c, out var h) || h < 1) throw new UsageException($"--horizons: '{text}' is not a positive whole number");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (mse, mae, windows) = EttBenchmark.Run(channels, h);
                await io.Out.WriteLineAsync(string.Create(c, $"dlinear horizon {h}: MSE {mse:0.000} MAE {mae:0.000} over {windows} test windows × {h} leads ({clock.Elapsed.TotalSeconds:0.0} s)"));
            }
            return 0;
        });
        var forecast = new Command("forecast", "Forecast from the end of the data, or backtest a model") { data, format, target, covariates, horizon, model, zone, currency, level, outOpt, backtest, ett };
        forecast.SetAction(async (pr, ct) =>
        {
            var s = ForecastData.Load(pr.GetValue(data)!, pr.GetValue(format)!, pr.GetValue(target)!, pr.GetValue(covariates)!, pr.GetValue(zone), pr.GetValue(currency));
            var h = ForecastData.Steps(pr.GetValue(horizon)!, s.Step, "--horizon");
            var m = ForecastModels.Create(pr.GetValue(model)!);
            var lv = pr.GetValue(level);
            // Calibrate the interval on the last four weeks, forecast from a model trained before them.
            var intervals = new ConformalIntervals(h, lv);
            var issue = s.Times.Length;
            if (!intervals.Seed(s, m, issue, s.StepsPerDay))
                await io.Error.WriteLineAsync("warning: fewer than six weeks of data, so there are no out-of-sample errors to calibrate the interval on; its bounds are left empty");
            m.Fit(s, issue, h, s.StepsPerDay);
            var extended = Extend(s, h);
            var point = m.Predict(new ForecastRequest(extended, issue, h));
            var c = CultureInfo.InvariantCulture;
            var q = ((1 - lv) / 2 * 100).ToString("0", c);
            var sb = new StringBuilder($"timestamp,{s.Target},{s.Target}_p{q},{s.Target}_p{(100 - (1 - lv) / 2 * 100).ToString("0", c)}\n");
            for (var k = 0; k < h; k++)
            {
                var w = intervals.HalfWidth(k);
                sb.Append(c, $"{extended.Times[issue + k]:yyyy-MM-ddTHH:mm:ssZ},{point[k]:0.####},{Bound(point[k] - w, "0.####")},{Bound(point[k] + w, "0.####")}\n");
            }
            if (pr.GetValue(outOpt) is { } path) await File.WriteAllTextAsync(path, sb.ToString(), ct);
            else await io.Out.WriteAsync(sb.ToString());
            return 0;
        });
        return forecast;
    }

    /// <summary>The series with <paramref name="h"/> steps appended past its end: target unknown (NaN), covariates
    /// unknown unless the file already holds them (it cannot, past its end).</summary>
    private static ForecastSeries Extend(ForecastSeries s, int h)
    {
        var times = s.Times.Concat(Enumerable.Range(1, h).Select(k => s.Times[^1] + s.Step * k)).ToArray();
        var values = s.Values.Concat(Enumerable.Repeat(double.NaN, h)).ToArray();
        var cov = s.Covariates.ToDictionary(kv => kv.Key, kv => kv.Value.Concat(Enumerable.Repeat(double.NaN, h)).ToArray());
        return new ForecastSeries(s.Target, times, values, cov);
    }

    private static DateTimeOffset DefaultTestStart(ForecastSeries s)
    {
        var t = s.Times[(int)(s.Times.Length * 0.8)];
        return new DateTimeOffset(t.UtcDateTime.Date, TimeSpan.Zero);
    }

    private static DateTimeOffset? Instant(string? text, string option)
    {
        if (text is null) return null;
        return Tandem.Formats.Timestamps.TryParseWithOffset(text, out var t) ? t : throw new UsageException($"{option}: '{text}' is not an ISO-8601 time with an offset");
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
