namespace Tandem.Grid;

/// <summary>The bands of a Chinese-style time-of-use tariff. Provinces publish peak (峰), flat (平) and valley (谷)
/// periods, and many add a critical peak (尖峰) and a deep valley (深谷).</summary>
public enum TouBand
{
    /// <summary>Deep valley (深谷).</summary>
    DeepValley,
    /// <summary>Valley (谷).</summary>
    Valley,
    /// <summary>Flat (平).</summary>
    Flat,
    /// <summary>Peak (峰).</summary>
    Peak,
    /// <summary>Critical peak (尖峰).</summary>
    CriticalPeak,
}
