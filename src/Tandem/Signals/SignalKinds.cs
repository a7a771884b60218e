namespace Tandem.Signals;

/// <summary>Names and units of <see cref="SignalKind"/>s as they cross a boundary (CLI flags, SQL rows, JSON).</summary>
public static class SignalKinds
{
    private static readonly (SignalKind Kind, string Name, string Unit)[] All =
    [
        (SignalKind.Carbon, "carbon", "g_per_kwh"),
        (SignalKind.MarginalCarbon, "marginal-carbon", "g_per_kwh"),
        (SignalKind.Price, "price", "per_mwh"),
        (SignalKind.CarbonFree, "cfe-share", "fraction"),
        (SignalKind.Generation, "generation", "kw"),
        (SignalKind.Temperature, "temperature", "c"),
        (SignalKind.Pue, "pue", "ratio"),
        (SignalKind.Inference, "inference", "gpus"),
    ];

    /// <summary>The kind's boundary name, e.g. carbon, cfe-share.</summary>
    public static string Name(this SignalKind kind) => All.First(k => k.Kind == kind).Name;

    /// <summary>The kind's unit as written at a boundary, e.g. g_per_kwh.</summary>
    public static string Unit(this SignalKind kind) => All.First(k => k.Kind == kind).Unit;

    /// <summary>Every boundary name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToArray();

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static SignalKind? Parse(string name)
    {
        foreach (var k in All) if (string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) return k.Kind;
        return null;
    }
}
