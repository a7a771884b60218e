using System.Text.Json;
using Tandem.Units;

namespace Tandem.Grid;

/// <summary>Published annual average grid emission factors by regional grid, with the national average, a province →
/// region mapping, the data year and the source (e.g. China's MEE/NBS factors; see docs/china-grid-factors.md). Read
/// from a JSON file: <c>{ "source", "year", "unit": "g_per_kwh", "national", "regions": {name: value},
/// "provinces": {name: region} }</c>.</summary>
public sealed class GridFactorTable
{
    private readonly Dictionary<string, double> _regions;
    private readonly Dictionary<string, string> _provinces;

    private GridFactorTable(string source, int year, double national, Dictionary<string, double> regions, Dictionary<string, string> provinces)
    {
        Source = source;
        Year = year;
        National = CarbonIntensity.FromGramsPerKilowattHour(national);
        _regions = regions;
        _provinces = provinces;
    }

    /// <summary>Who published the factors, and where.</summary>
    public string Source { get; }
    /// <summary>The data year the factors describe.</summary>
    public int Year { get; }
    /// <summary>The national average.</summary>
    public CarbonIntensity National { get; }
    /// <summary>The regional grids named in the table.</summary>
    public IEnumerable<string> Regions => _regions.Keys;

    /// <summary>The factor of a region, or of the region a province belongs to; with neither, the national average.
    /// Null (and a message) when a name is given that the table does not know.</summary>
    public (CarbonIntensity Factor, string Label)? Find(string? region, string? province, out string? problem)
    {
        problem = null;
        if (province is not null)
        {
            if (!_provinces.TryGetValue(province, out var r)) { problem = $"province '{province}' is not in the table; known: {string.Join(", ", _provinces.Keys)}"; return null; }
            region ??= r;
            if (region != r) { problem = $"province '{province}' belongs to the {r} grid, not {region}"; return null; }
        }
        if (region is null) return (National, $"national average grid factor {Year} ({National.GramsPerKilowattHour:0.0} g/kWh)");
        if (!_regions.TryGetValue(region, out var v)) { problem = $"region '{region}' is not in the table; known: {string.Join(", ", _regions.Keys)}"; return null; }
        return (CarbonIntensity.FromGramsPerKilowattHour(v), $"{region} regional grid factor {Year} ({v:0.0} g/kWh)");
    }

    /// <summary>Reads a table; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static GridFactorTable Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the table must be a JSON object");
        string Text(string name) => root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"'{name}' is required (text)");
        double Factor(JsonElement e, string name) => e.ValueKind == JsonValueKind.Number && e.GetDouble() is var d && d is >= 0 and <= 3000
            ? d : throw new FormatException($"'{name}' must be a factor in g/kWh between 0 and 3000");
        if (Text("unit") != "g_per_kwh") throw new FormatException("'unit' must be g_per_kwh");
        var year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yi) && yi is > 1900 and < 2200
            ? yi : throw new FormatException("'year' is required: the data year");
        var national = Factor(root.TryGetProperty("national", out var n) ? n : default, "national");
        var regions = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("regions", out var rs) && rs.ValueKind == JsonValueKind.Object)
            foreach (var p in rs.EnumerateObject()) regions[p.Name] = Factor(p.Value, $"regions.{p.Name}");
        var provinces = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("provinces", out var ps) && ps.ValueKind == JsonValueKind.Object)
            foreach (var p in ps.EnumerateObject())
                provinces[p.Name] = p.Value.ValueKind == JsonValueKind.String && regions.ContainsKey(p.Value.GetString()!)
                    ? p.Value.GetString()! : throw new FormatException($"'provinces.{p.Name}' must name one of the regions");
        return new GridFactorTable(Text("source"), year, national, regions, provinces);
    }
}
