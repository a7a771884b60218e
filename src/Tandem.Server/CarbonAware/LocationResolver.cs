using System.Globalization;

namespace Tandem.Server.CarbonAware;

/// <summary>Maps what a client calls a location to a stored grid zone: the zone itself; a cloud region (AWS, Azure,
/// GCP, Alibaba names) to the zone its data centre draws from; or "latitude,longitude" to the nearest known place (a
/// cloud region's city or a point inside a zone, CarbonAware/Data/locations.csv) within <see cref="MaxKm"/> whose
/// zone is stored. A nearest point is an approximation near a zone's border; a region name or the zone id is exact.</summary>
public sealed class LocationResolver
{
    /// <summary>How far the nearest known place may be from a latitude,longitude, km.</summary>
    public const double MaxKm = 500;

    private readonly List<Place> _places;
    private volatile StoredZones? _zones;

    private sealed record StoredZones(IReadOnlyList<Tandem.Signals.SignalCatalogEntry> Catalog, HashSet<string> Zones);

    /// <summary>A known place: its name, provider (aws, azure, gcp, alibaba; zone for a zone's own point), position
    /// and the zones it draws from, best first.</summary>
    public sealed record Place(string Name, string Provider, double Latitude, double Longitude, IReadOnlyList<string> Zones);

    private LocationResolver(List<Place> places) => _places = places;

    /// <summary>The built-in places.</summary>
    public static LocationResolver BuiltIn { get; } = new(Load());

    /// <summary>Every known place.</summary>
    public IReadOnlyList<Place> Places => _places;

    /// <summary>The stored zone <paramref name="location"/> stands for, or null.</summary>
    public string? Resolve(string location, IReadOnlySet<string> stored)
    {
        var name = location.Trim();
        if (stored.Contains(name)) return name;
        var place = _places.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        // The nearest known place of all, whether or not its zone is stored: a point in France near a stored German
        // zone is France's, and has no data, rather than Germany's.
        if (place is null && LatLon(name) is { } point)
            place = _places.Select(p => (Place: p, Km: Km(point, (p.Latitude, p.Longitude))))
                .Where(x => x.Km <= MaxKm).OrderBy(x => x.Km).Select(x => x.Place).FirstOrDefault();
        return place?.Zones.FirstOrDefault(stored.Contains);
    }

    /// <summary>The stored carbon zone <paramref name="location"/> stands for in <paramref name="store"/>, or null.</summary>
    public string? Resolve(string location, Tandem.Storage.Signals.ISignalStore store, Lock gate) => Resolve(location, CarbonZones(store, gate));

    /// <summary>The zones <paramref name="store"/> holds a carbon series for. The store hands out the same catalog while
    /// nothing changed, so the set is worked out once per catalog.</summary>
    public IReadOnlySet<string> CarbonZones(Tandem.Storage.Signals.ISignalStore store, Lock gate)
    {
        IReadOnlyList<Tandem.Signals.SignalCatalogEntry> catalog;
        lock (gate) catalog = store.Catalog();
        var known = _zones;
        if (!ReferenceEquals(known?.Catalog, catalog))
            _zones = known = new StoredZones(catalog, catalog.Where(c => c.Kind == Tandem.Signals.SignalKind.Carbon).Select(c => c.Zone).ToHashSet(StringComparer.Ordinal));
        return known!.Zones;
    }

    /// <summary>The position of a stored zone, from its own point in the table, or null.</summary>
    public (double Latitude, double Longitude)? PositionOf(string zone) =>
        _places.FirstOrDefault(p => p.Provider == "zone" && p.Zones.Contains(zone)) is { } p ? (p.Latitude, p.Longitude) : null;

    /// <summary>"lat,lon" in decimal degrees, or null.</summary>
    public static (double Lat, double Lon)? LatLon(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2) return null;
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90) return null;
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180) return null;
        return (lat, lon);
    }

    /// <summary>Great-circle distance, km (haversine, Earth radius 6,371 km).</summary>
    public static double Km((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * 6371 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static List<Place> Load()
    {
        using var stream = typeof(LocationResolver).Assembly.GetManifestResourceStream("carbon-aware/locations.csv")!;
        using var reader = new StreamReader(stream);
        var places = new List<Place>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (header) { header = false; continue; }
            var f = line.Split(',');
            places.Add(new Place(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), f[4].Split(';')));
        }
        return places;
    }
}
