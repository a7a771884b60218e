using System.Diagnostics;
using System.Globalization;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>The server will run many forecasts side by side. Two LightGBM backtests started together, as two
/// processes (each with the default threads per fit), must finish within four times the wall time of one alone,
/// measured here: when each fit asked for every core, LightGBM's spinning threads turned a one-second backtest into
/// one of over 100 s beside a second one on two cores. It runs alone, after the other tests, so that they do not
/// load the cores it measures.</summary>
[Collection(nameof(ConcurrentForecastTests))]
public class ConcurrentForecastTests
{
    [Fact]
    public async Task TwoLightGbmBacktestsAtOnce_TakeAtMostFourTimesOneAlone()
    {
        using var dir = new TempFolder();
        var c = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,wind_forecast_kw\n");
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 400 * 24; i++)
        {
            var wind = 50 + 40 * Math.Sin(i / 17.0);
            sb.Append(c, $"{t0.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{300 + 80 * Math.Sin(2 * Math.PI * (i % 24) / 24) - wind + (i * 7919 % 13):0.###},{wind:0.###}\n");
        }
        var data = dir.Write("ci.csv", sb.ToString());
        string[] args =
        [
            typeof(TandemCommand).Assembly.Location, "forecast", "backtest", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh",
            "--model", "lightgbm", "--test-from", "2022-01-16T00:00:00Z", "--test-to", "2022-01-18T00:00:00Z",
        ];
        var ct = TestContext.Current.CancellationToken;

        async Task<double> Run(int count)
        {
            var clock = Stopwatch.StartNew();
            var runs = Enumerable.Range(0, count).Select(_ => Backtest(args, ct)).ToArray();
            foreach (var (code, err) in await Task.WhenAll(runs)) Assert.True(code == 0, err);
            return clock.Elapsed.TotalSeconds;
        }

        // The faster of two lone runs: a lone run slowed by someone else's load must not excuse a slow pair.
        var alone = Math.Min(await Run(1), await Run(1));
        var together = await Run(2);
        TestContext.Current.SendDiagnosticMessage($"one LightGBM backtest alone {alone:0.00} s, two at once {together:0.00} s, ratio {together / alone:0.00}");
        Assert.True(together <= 4 * alone, $"two backtests at once took {together:0.00} s, one alone {alone:0.00} s");
    }

    private static async Task<(int Code, string Error)> Backtest(string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await output;
        return (p.ExitCode, await error);
    }
}

/// <summary>Runs <see cref="ConcurrentForecastTests"/> with no other test beside it.</summary>
[CollectionDefinition(nameof(ConcurrentForecastTests), DisableParallelization = true)]
public sealed class ConcurrentForecastCollection;
