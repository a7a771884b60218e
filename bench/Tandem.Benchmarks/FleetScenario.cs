using System.Text.Json;

namespace Tandem.Benchmarks;

/// <summary>Writes a fleet scenario on real data from ../shared/data: sites cycling over 11 zones with 2022 hourly
/// carbon intensity, carbon-free share (Electricity Maps) and prices (22-zone set, USD), Zeus V100 power curve, and
/// jobs with Philly run times (Poisson arrivals, 1/2/4/8-GPU mix, 30 % resident at their home site).</summary>
internal static class FleetScenario
{
    private static readonly string[] Zones =
        ["AU-NSW", "AU-VIC", "BR-SP", "CA-ON", "CL-SIC", "DE-LU", "US-CAL-CISO", "US-MIDA-PJM", "US-NY-NYIS", "US-TEX-ERCO", "ZA"];

    public static string Json(string data, string name, string start, string end, int stepMinutes, int siteCount, int gpusPerSite,
        double gridLimitKw, double jobsPerDay, int maxJobs, double maxRuntimeHours, double? arrivalDays)
    {
        var sites = Enumerable.Range(0, siteCount).Select(i =>
        {
            var zone = Zones[i % Zones.Length];
            return new Dictionary<string, object>
            {
                ["id"] = $"site{i:D2}-{zone}",
                ["time_zone"] = "UTC",
                ["grid_limit_kw"] = gridLimitKw,
                ["pue"] = 1.2 + 0.01 * (i % 5),
                ["pools"] = new[] { new { id = "gpu", gpu_model = "H100", count = gpusPerSite, idle_power_w = 80, max_power_w = 700,
                    power_curve = new { file = Path.Combine(data, "gpu_power/zeus_nsdi23/summary_power_v100.csv"), format = "zeus" } } },
                ["grid"] = new
                {
                    zone,
                    carbon = new { file = Path.Combine(data, $"carbon_intensity/electricitymaps/{zone}_2022_hourly.csv.gz"), format = "electricitymaps" },
                    cfe_share = new { file = Path.Combine(data, $"carbon_intensity/electricitymaps/{zone}_2022_hourly.csv.gz"), format = "electricitymaps", column = "cfe_share_fraction" },
                    price = new { file = Path.Combine(data, $"electricity_prices/dayahead_hourly_usd/{zone}_electricity_prices_2022.csv.gz"), format = "hourly-price-usd" },
                },
            };
        }).ToArray();
        var ids = sites.Select(s => (string)s["id"]).ToArray();
        var trace = new Dictionary<string, object>
        {
            ["file"] = Path.Combine(data, "ai_workloads/philly_runtime/philly_runtime.csv.gz"), ["format"] = "philly-runtime", ["tenant"] = "bench", ["seed"] = 3,
            ["jobs_per_day"] = jobsPerDay, ["max_jobs"] = maxJobs, ["max_runtime_hours"] = maxRuntimeHours,
            ["gpu_mix"] = new Dictionary<string, double> { ["1"] = 0.4, ["2"] = 0.1, ["4"] = 0.2, ["8"] = 0.3 },
            ["sites"] = ids, ["resident_share"] = 0.3,
        };
        if (arrivalDays is { } a) trace["arrival_days"] = a;
        var doc = new Dictionary<string, object>
        {
            ["name"] = name, ["start"] = start, ["end"] = end, ["step_minutes"] = stepMinutes, ["currency"] = "USD",
            ["sites"] = sites, ["workload"] = new { traces = new[] { trace } },
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true });
    }
}
