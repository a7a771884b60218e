using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Tandem.Cli.Tests.Testing;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests;

/// <summary>`tandem signals import`, `list` and `show` on every signal format Tandem reads, each checked against an
/// independent read of the file (string splitting and the publisher's units), and on bad input.</summary>
public class SignalsCommandTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>A small file: "demo:" ships in examples/demo/data, "shared:" lies in ../shared/data.</summary>
    private static string DataFile(string reference) =>
        reference.StartsWith("demo:", StringComparison.Ordinal)
            ? Path.Combine(SharedData.RepoRoot(), "examples", "demo", "data", reference["demo:".Length..])
            : SharedData.File(reference["shared:".Length..]);

    private static async Task<Dictionary<DateTimeOffset, string>> Show(string db, string zone, string kind, string header, params string[] range)
    {
        var (code, stdout, stderr) = await TandemCli.Run(["signals", "show", "--zone", zone, "--kind", kind, "--db", db, .. range]);
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(header, lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => DateTimeOffset.Parse(f[0], C), f => f[1]);
    }

    private static async Task<string[]> List(string db)
    {
        var (code, stdout, stderr) = await TandemCli.Run("signals", "list", "--db", db);
        Assert.True(code == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Every value the file has is shown at its time; every other step shown is a gap; list agrees.</summary>
    private static async Task AssertStored(string db, string zone, string kind, string unit, TimeSpan step, List<(DateTimeOffset Time, double Value)> expected)
    {
        var shown = await Show(db, zone, kind, $"time_utc,{kind.Replace('-', '_')}_{unit}");
        foreach (var (t, v) in expected)
        {
            Assert.True(shown.TryGetValue(t, out var text), $"{zone} {kind}: no row at {t:O}");
            var got = double.Parse(text!, C);
            Assert.True(Math.Abs(got - v) <= 1e-12 * Math.Max(1, Math.Abs(v)), $"{zone} {kind} at {t:O}: shown {got}, the file says {v}");
        }
        var from = expected.Min(e => e.Time);
        var to = expected.Max(e => e.Time) + step;
        Assert.Equal((int)((to - from) / step), shown.Count);
        Assert.Equal(shown.Count - expected.Count, shown.Values.Count(v => v.Length == 0));

        var row = (await List(db)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(f => f[0] == zone && f[1] == kind);
        Assert.Equal([zone, kind, unit, step.TotalMinutes.ToString(C), $"{from:yyyy-MM-ddTHH:mm:ssZ}", $"{to:yyyy-MM-ddTHH:mm:ssZ}", expected.Count.ToString(C)], row);

        // A window from mid-step to three steps on: the steps that start inside it (and hold data), and no others.
        var mid = from + step * ((int)((to - from) / step) / 2);
        var window = await Show(db, zone, kind, $"time_utc,{kind.Replace('-', '_')}_{unit}",
            "--from", $"{mid - step / 2:yyyy-MM-ddTHH:mm:ssZ}", "--to", $"{mid + step * 3:yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(new[] { mid, mid + step, mid + step * 2 }.Where(t => t < to), window.Keys);
    }

    [Theory]
    [InlineData("electricitymaps", "shared:carbon_intensity/electricitymaps/US-CAL-CISO_2021_hourly.csv.gz", "", "US-CAL-CISO", "carbon", "g_per_kwh", "Datetime (UTC)", "Carbon Intensity gCO₂eq/kWh (direct)", 1.0, 0.0, 60)]
    [InlineData("electricitymaps", "shared:carbon_intensity/electricitymaps/US-CAL-CISO_2021_hourly.csv.gz", "", "US-CAL-CISO", "cfe-share", "fraction", "Datetime (UTC)", "Low Carbon Percentage", 0.01, 0.0, 60)]
    [InlineData("dacf", "demo:dacf_PJM_direct_emissions_2020-06-01_to_08.csv", "--zone US-MIDA-PJM", "US-MIDA-PJM", "carbon", "g_per_kwh", "UTC time", "carbon_intensity", 1.0, 0.0, 60)]
    [InlineData("eia-930-fuelmix", "shared:carbon_intensity/eia_fuelmix_2022/CISO_2022_fuelmix_avgCI.csv.gz", "--zone CISO", "CISO", "carbon", "g_per_kwh", "timestamp", "avg_CI", 1.0, 0.0, 60)]
    [InlineData("lets-wait-awhile", "shared:carbon_intensity/lets_wait_awhile/fr_ci.csv.gz", "--zone FR --time-zone UTC", "FR", "carbon", "g_per_kwh", "Time", "Carbon Intensity", 1.0, 0.0, 30)]
    [InlineData("watttime", "shared:carbon_intensity/watttime_caiso_north_moer_2023-06.csv", "--zone CAISO_NORTH --time-zone UTC", "CAISO_NORTH", "marginal-carbon", "g_per_kwh", "oootime", "Caiso_North", 0.45359237, 0.0, 5)]
    [InlineData("hourly-price-usd", "demo:US-MIDA-PJM_electricity_prices_2020-06-01_to_08.csv", "--zone US-MIDA-PJM", "US-MIDA-PJM", "price", "usd_per_mwh", "Datetime (UTC)", "Price (USD/MWh)", 1.0, 0.0, 60)]
    [InlineData("epftoolbox", "shared:electricity_prices/epftoolbox/datasets/NP.csv.gz", "--zone NP --time-zone UTC --currency EUR", "NP", "price", "eur_per_mwh", "", "Price", 1.0, 0.0, 60)]
    [InlineData("stategrid-solar", "demo:stategrid_solar_site1_2020-06-01_to_08.csv", "--zone ningxia-1", "ningxia-1", "generation", "kw", "Time", "Power", 1000.0, 8.0, 15)]
    [InlineData("stategrid-solar", "demo:stategrid_solar_site1_2020-06-01_to_08.csv", "--zone ningxia-1", "ningxia-1", "temperature", "c", "Time", "Temperature", 1.0, 8.0, 15)]
    [InlineData("ett", "shared:forecasting_benchmarks/ett/ETTh1.csv", "--zone ETTh1 --time-zone UTC --column oil_temperature_c --kind temperature", "ETTh1", "temperature", "c", "date", "OT", 1.0, 0.0, 60)]
    public async Task Import_ListAndShow_GiveWhatThePublishedFileSays(string format, string file, string flags, string zone, string kind, string unit,
        string timeHeader, string valueHeader, double scale, double utcOffsetHours, int stepMinutes)
    {
        var path = DataFile(file);
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var (code, stdout, stderr) = await TandemCli.Run(["signals", "import", "--file", path, "--format", format, "--db", db, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.True(code == 0, stderr);
        Assert.Contains($"  {zone} {kind} (", stdout, StringComparison.Ordinal);
        var expected = PublishedCsv.Read(path).Values(timeHeader, valueHeader, scale, utcOffsetHours);
        await AssertStored(db, zone, kind, unit, TimeSpan.FromMinutes(stepMinutes), expected);
    }

    [Fact]
    public async Task OpenMeteo_ImportsTemperature_AtTheFileOwnOffset()
    {
        var path = SharedData.File("weather/open_meteo/AU-NSW_2021.json.gz");
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", path, "--format", "open-meteo", "--zone", "AU-NSW", "--db", db);
        Assert.True(code == 0, stderr);

        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(gz, cancellationToken: TestContext.Current.CancellationToken);
        var offset = TimeSpan.FromSeconds(json.RootElement.GetProperty("utc_offset_seconds").GetInt32());
        var hourly = json.RootElement.GetProperty("hourly");
        var expected = hourly.GetProperty("time").EnumerateArray().Zip(hourly.GetProperty("temperature_2m").EnumerateArray())
            .Where(p => p.Second.ValueKind == JsonValueKind.Number)
            .Select(p => (new DateTimeOffset(DateTime.ParseExact(p.First.GetString()!, "yyyy-MM-ddTHH:mm", C), offset).ToUniversalTime(), p.Second.GetDouble()))
            .ToList();
        await AssertStored(db, "AU-NSW", "temperature", "c", TimeSpan.FromHours(1), expected);
    }

    [Fact]
    public async Task TandemCsv_ImportsEachSignalColumn_WithItsCurrency_AndGaps()
    {
        using var dir = new TempFolder();
        var file = dir.Write("site.csv", """
            timestamp,carbon_intensity_g_per_kwh,price_cny_per_mwh,wind_speed_m_per_s,inference_gpus
            2024-03-01T08:00:00+08:00,581.5,310.25,4.1,12
            2024-03-01T09:00:00+08:00,,298,3.9,16
            2024-03-01T11:00:00+08:00,560.125,305.5,3.2,20
            """);
        var db = Path.Combine(dir.Path, "tandem.db");
        var (code, stdout, stderr) = await TandemCli.Run("signals", "import", "--file", file, "--format", "tandem-csv", "--zone", "CN-JS", "--db", db);
        Assert.True(code == 0, stderr);
        Assert.Contains("Stored 3 series", stdout, StringComparison.Ordinal);
        var t0 = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var h = TimeSpan.FromHours(1);
        await AssertStored(db, "CN-JS", "carbon", "g_per_kwh", h, [(t0, 581.5), (t0 + 3 * h, 560.125)]);
        await AssertStored(db, "CN-JS", "price", "cny_per_mwh", h, [(t0, 310.25), (t0 + h, 298), (t0 + 3 * h, 305.5)]);
        await AssertStored(db, "CN-JS", "inference", "gpus", h, [(t0, 12), (t0 + h, 16), (t0 + 3 * h, 20)]);
        Assert.Equal(4, (await List(db)).Length); // a header and three series: wind speed is no signal kind
    }

    [Fact]
    public async Task ImportingTheSameFileTwice_ChangesNothing()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var file = DataFile("demo:US-CAL-CISO_electricity_prices_2020-06-01_to_08.csv");
        string[] args = ["signals", "import", "--file", file, "--format", "hourly-price-usd", "--zone", "US-CAL-CISO", "--db", db];
        Assert.Equal(0, (await TandemCli.Run(args)).Code);
        var before = await List(db);
        var shown = await Show(db, "US-CAL-CISO", "price", "time_utc,price_usd_per_mwh");
        Assert.Equal(0, (await TandemCli.Run(args)).Code);
        Assert.Equal(before, await List(db));
        Assert.Equal(shown, await Show(db, "US-CAL-CISO", "price", "time_utc,price_usd_per_mwh"));
    }

    [Theory]
    [InlineData("--format nope", "--format: unknown format 'nope'")]
    [InlineData("--format dacf", "--zone: dacf files do not say which zone they are for")]
    [InlineData("--format dacf --zone X --column carbon_intensity_g_per_kwh --kind temperature", "--kind: temperature is in c, and the name carbon_intensity_g_per_kwh does not end in _c")]
    [InlineData("--format dacf --zone X --column coal_kw", "--column: coal_kw is not a signal Tandem knows by name; say which kind it holds")]
    [InlineData("--format dacf --zone X --column nope_kw --kind generation", "--column: 'nope_kw' is not a column of dacf")]
    [InlineData("--format dacf --zone X --kind price", "--kind: dacf gives no price_per_mwh")]
    [InlineData("--format dacf --zone X --kind wind", "--kind: unknown kind 'wind'")]
    [InlineData("--format dacf --zone X --time-zone Mars/Olympus", "--time-zone: 'Mars/Olympus' is not a zone or offset")]
    public async Task BadImportFlags_Exit2_NamingTheFlag_AndCreateNoDatabase(string flags, string message)
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var file = DataFile("demo:dacf_CISO_direct_emissions_2020-06-01_to_08.csv");
        var (code, _, stderr) = await TandemCli.Run(["signals", "import", "--file", file, "--db", db, .. flags.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task BadFiles_Exit2_NamingFileFieldAndLine_AndCreateNoDatabase()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var missing = Path.Combine(dir.Path, "nope.csv");
        var (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", missing, "--format", "tandem-csv", "--zone", "X", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains($"{missing}: file not found", stderr, StringComparison.Ordinal);

        var lwa = dir.Write("lwa.csv", "Time,Carbon Intensity\n2020-01-01 00:00:00,100\n2020-01-01 00:15:00,101\n");
        (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", lwa, "--format", "lets-wait-awhile", "--zone", "DE", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains($"{lwa}: --time-zone: time stamps in the lets-wait-awhile format carry no offset", stderr, StringComparison.Ordinal);

        var offGrid = dir.Write("off.csv", "timestamp,carbon_intensity_g_per_kwh\n2020-01-01T00:00:00Z,1\n2020-01-01T01:00:00Z,2\n2020-01-01T02:00:00Z,3\n2020-01-01T02:30:00Z,4\n");
        (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", offGrid, "--format", "tandem-csv", "--zone", "X", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains($"{offGrid}:5: carbon_intensity_g_per_kwh: time 2020-01-01T02:30:00.0000000+00:00 is not on the grid of 60-minute steps", stderr, StringComparison.Ordinal);

        var noCurrency = dir.Write("epf.csv", ",Price\n2020-01-01 00:00:00,30\n");
        (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", noCurrency, "--format", "epftoolbox", "--time-zone", "UTC", "--zone", "X", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains($"{noCurrency}: --currency: epftoolbox prices carry no currency", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task AnImportTheStoreRefuses_Exit2_AndWritesNoneOfItsSeries()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var first = dir.Write("a.csv", "timestamp,carbon_intensity_g_per_kwh,price_eur_per_mwh\n2024-01-01T00:00:00Z,100,50\n2024-01-01T01:00:00Z,110,55\n");
        Assert.Equal(0, (await TandemCli.Run("signals", "import", "--file", first, "--format", "tandem-csv", "--zone", "DE", "--db", db)).Code);
        var before = await List(db);

        // Its carbon is fine on its own, but its prices are in another currency: neither may be stored.
        var second = dir.Write("b.csv", "timestamp,carbon_intensity_g_per_kwh,price_usd_per_mwh\n2024-01-01T02:00:00Z,120,60\n");
        var (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", second, "--format", "tandem-csv", "--zone", "DE", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains($"error: {second}: DE price: the store holds these prices in EUR; this series is in USD", stderr, StringComparison.Ordinal);

        var quarterHours = dir.Write("c.csv", "timestamp,carbon_intensity_g_per_kwh\n2024-01-01T02:00:00Z,120\n2024-01-01T02:15:00Z,121\n");
        (code, _, stderr) = await TandemCli.Run("signals", "import", "--file", quarterHours, "--format", "tandem-csv", "--zone", "DE", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains("DE carbon: the store holds this series in steps of 60 minutes; this one steps 15 minutes", stderr, StringComparison.Ordinal);
        Assert.Equal(before, await List(db));
    }

    [Theory]
    [InlineData("--zone DE --kind carbon --from yesterday", "--from: 'yesterday' is not an ISO-8601 time with an offset")]
    [InlineData("--zone DE --kind carbon --from 2024-01-01T00:00:00 --to 2024-01-02T00:00:00Z", "--from: '2024-01-01T00:00:00' is not an ISO-8601 time with an offset")]
    [InlineData("--zone DE --kind carbon --from 2024-01-02T00:00:00Z --to 2024-01-01T00:00:00Z", "--to: must be after --from")]
    [InlineData("--zone DE --kind co2", "--kind: unknown kind 'co2'; known: carbon, marginal-carbon, price, cfe-share")]
    [InlineData("--zone FR --kind carbon", "--zone FR --kind carbon: the store holds no such series")]
    public async Task BadShowFlags_Exit2_NamingTheFlag(string flags, string message)
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var file = dir.Write("a.csv", "timestamp,carbon_intensity_g_per_kwh\n2024-01-01T00:00:00Z,100\n");
        Assert.Equal(0, (await TandemCli.Run("signals", "import", "--file", file, "--format", "tandem-csv", "--zone", "DE", "--db", db)).Code);
        var (code, stdout, stderr) = await TandemCli.Run(["signals", "show", "--db", db, .. flags.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task ShowOutsideTheSeries_PrintsOnlyTheHeader_AndSaysWhatItCovers()
    {
        using var dir = new TempFolder();
        var db = Path.Combine(dir.Path, "tandem.db");
        var file = dir.Write("a.csv", "timestamp,cfe_share_fraction\n2024-01-01T00:00:00Z,0.25\n2024-01-01T01:00:00Z,0.5\n");
        Assert.Equal(0, (await TandemCli.Run("signals", "import", "--file", file, "--format", "tandem-csv", "--zone", "DE", "--db", db)).Code);
        var (code, stdout, stderr) = await TandemCli.Run("signals", "show", "--zone", "DE", "--kind", "cfe-share", "--from", "2024-02-01T00:00:00+01:00", "--db", db);
        Assert.Equal(0, code);
        Assert.Equal("time_utc,cfe_share_fraction", stdout.Trim());
        Assert.Contains("the series covers 2024-01-01T00:00:00Z to 2024-01-01T02:00:00Z", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOnAnEmptyStore_SaysSo()
    {
        using var dir = new TempFolder();
        var (code, stdout, _) = await TandemCli.Run("signals", "list", "--db", Path.Combine(dir.Path, "tandem.db"));
        Assert.Equal(0, code);
        Assert.Equal("(no signals yet; store some with `tandem signals import`)", stdout.Trim());
    }
}
