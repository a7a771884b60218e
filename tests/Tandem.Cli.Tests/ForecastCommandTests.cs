using System.Globalization;
using System.Text.Json;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

public class ForecastCommandTests
{
    private static string Series(TempFolder dir, int days = 60)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder("timestamp,carbon_intensity_g_per_kwh,wind_forecast_kw\n");
        var t0 = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < days * 24; i++)
        {
            var wind = 50 + 40 * Math.Sin(i / 17.0);
            sb.Append(c, $"{t0.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{300 + 80 * Math.Sin(2 * Math.PI * (i % 24) / 24) - wind:0.###},{wind:0.###}\n");
        }
        return dir.Write("ci.csv", sb.ToString());
    }

    [Fact]
    public async Task Backtest_WritesMetricsAndForecastsThatRecomputeToTheSameMae()
    {
        using var dir = new TempFolder();
        var data = Series(dir);
        var outDir = Path.Combine(dir.Path, "out");
        var (code, stdout, stderr) = await TandemCli.Run("forecast", "backtest", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh",
            "--model", "seasonal-naive", "--horizon", "24h", "--test-from", "2021-02-15T00:00:00Z", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("MAPE", stdout, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(Path.Combine(outDir, "forecasts.csv"), TestContext.Current.CancellationToken);
        Assert.Equal("issued_at,target_time,actual,forecast,lower,upper", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(15 * 24, rows.Count);
        Assert.All(rows, r => Assert.True(DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)));
        var mae = rows.Average(r => Math.Abs(double.Parse(r[2], CultureInfo.InvariantCulture) - double.Parse(r[3], CultureInfo.InvariantCulture)));
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "metrics.json"), TestContext.Current.CancellationToken));
        Assert.Equal(mae, metrics.RootElement.GetProperty("mae").GetDouble(), 9);
        Assert.True(File.Exists(Path.Combine(outDir, "forecast.png")));
    }

    [Fact]
    public async Task Forecast_WritesATandemCsvWithBounds()
    {
        using var dir = new TempFolder();
        var data = Series(dir);
        var outFile = Path.Combine(dir.Path, "f.csv");
        var (code, _, stderr) = await TandemCli.Run("forecast", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--model", "lightgbm", "--horizon", "96h", "--out", outFile);
        Assert.True(code == 0, stderr);
        var lines = await File.ReadAllLinesAsync(outFile, TestContext.Current.CancellationToken);
        Assert.Equal("timestamp,carbon_intensity_g_per_kwh,carbon_intensity_g_per_kwh_p5,carbon_intensity_g_per_kwh_p95", lines[0]);
        Assert.Equal(97, lines.Length);
        Assert.StartsWith("2021-03-02T00:00:00Z", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Select(l => l.Split(',').Select(v => v).ToArray()), f =>
            Assert.True(double.Parse(f[2], CultureInfo.InvariantCulture) <= double.Parse(f[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Forecast_OnTooShortAHistory_LeavesTheBoundsEmpty_AndSaysWhy()
    {
        using var dir = new TempFolder();
        var data = Series(dir, days: 30);
        var outFile = Path.Combine(dir.Path, "f.csv");
        var (code, _, stderr) = await TandemCli.Run("forecast", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--model", "lear", "--horizon", "48h", "--out", outFile);
        Assert.Equal(0, code);
        Assert.Contains("bounds are left empty", stderr, StringComparison.Ordinal);
        var rows = (await File.ReadAllLinesAsync(outFile, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(48, rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(double.Parse(r[1], CultureInfo.InvariantCulture)) && r[2] == "" && r[3] == ""));
    }

    [Theory]
    [InlineData("--horizon", "25x", "--horizon")]
    [InlineData("--model", "oracle", "--model")]
    [InlineData("--target", "nope", "nope: the target is not a column")]
    public async Task BadArguments_Exit2_NamingTheOption(string option, string value, string named)
    {
        using var dir = new TempFolder();
        var data = Series(dir);
        var args = new List<string> { "forecast", "backtest", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--out", Path.Combine(dir.Path, "o") };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else args.AddRange([option, value]);
        var (code, _, stderr) = await TandemCli.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "o")));
    }

    /// <summary>Every bad input file ends in exit 2 with a message naming the file and what is wrong, for each command
    /// that reads one (a corrupt .gz used to crash with an unhandled InvalidDataException, exit 134).</summary>
    [Theory]
    [InlineData("corrupt-gz", "is not a readable gzip file, corrupt or cut short")]
    [InlineData("missing", "file not found")]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("truncated-csv", ":501: has 1 fields, the header has 3")]
    public async Task BadDataFiles_Exit2_NamingTheFileAndTheProblem(string kind, string problem)
    {
        using var dir = new TempFolder();
        var good = await File.ReadAllTextAsync(Series(dir), TestContext.Current.CancellationToken);
        string path;
        switch (kind)
        {
            case "corrupt-gz":
                using (var buffer = new MemoryStream())
                {
                    using (var gz = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize))
                        gz.Write(System.Text.Encoding.UTF8.GetBytes(good));
                    var bytes = buffer.ToArray();
                    for (var i = 30; i < 60; i++) bytes[i] ^= 0x5a;
                    path = Path.Combine(dir.Path, "ci.csv.gz");
                    await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
                }
                break;
            case "missing": path = Path.Combine(dir.Path, "none.csv"); break;
            case "folder": path = Directory.CreateDirectory(Path.Combine(dir.Path, "data.csv")).FullName; break;
            default:
                // Cut short in the middle of a line's time stamp, as a copy that stopped half way would be.
                var lines = good.Split('\n');
                path = dir.Write("cut.csv", string.Join('\n', lines[..500]) + "\n" + lines[500][..10]);
                break;
        }
        var outDir = Path.Combine(dir.Path, "o");
        string[][] commands =
        [
            ["forecast", "--data", path, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--out", Path.Combine(dir.Path, "f.csv")],
            ["forecast", "backtest", "--data", path, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--out", outDir],
            ["forecast", "ett", "--data", path],
        ];
        foreach (var args in commands)
        {
            var (code, _, stderr) = await TandemCli.Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}\n{stderr}");
            Assert.Contains($"{path}", stderr, StringComparison.Ordinal);
            Assert.Contains(problem, stderr, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(Path.Combine(dir.Path, "f.csv")));
    }

    /// <summary>A model that cannot be trained on the data is bad input too: exit 2, naming the file and the model.</summary>
    [Fact]
    public async Task AModelThatCannotTrainOnTheData_Exits2_SayingWhy()
    {
        using var dir = new TempFolder();
        var data = Series(dir, days: 20);
        var (code, _, stderr) = await TandemCli.Run("forecast", "backtest", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh",
            "--model", "lear", "--test-from", "2021-01-15T00:00:00Z");
        Assert.Equal(2, code);
        Assert.Contains($"{data}: cannot train lear-56: needs 14 days of training data", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await TandemCli.Run("forecast", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh", "--model", "dlinear", "--horizon", "48h");
        Assert.Equal(2, code);
        Assert.Contains($"{data}: cannot train dlinear: only 97 complete training windows of 336 inputs and 48 outputs; it needs 337", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOutputThatCannotBeWritten_Exits2_NamingOut()
    {
        using var dir = new TempFolder();
        var data = Series(dir);
        var blocked = dir.Write("file", "not a folder");
        var (code, _, stderr) = await TandemCli.Run("forecast", "backtest", "--data", data, "--format", "tandem-csv", "--target", "carbon_intensity_g_per_kwh",
            "--model", "seasonal-naive", "--out", Path.Combine(blocked, "out"));
        Assert.Equal(2, code);
        Assert.Contains("--out: cannot write", stderr, StringComparison.Ordinal);
    }
}
