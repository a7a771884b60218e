using Tandem.Signals;

namespace Tandem.Storage.Signals;

/// <summary>What a <see cref="DbSignalStore"/> has read, kept while the database is unchanged: each series' grid and
/// span, decoded chunks (at most <see cref="MaxChunks"/>, about 32 MiB), and the catalog. It is emptied when the
/// database's data version moves (another connection committed) and after the store's own imports, so a read never
/// answers from before a write. Not thread-safe, like the store's connection.</summary>
internal sealed class SignalReadCache
{
    /// <summary>Decoded chunks kept at most; past it the cache starts again.</summary>
    public const int MaxChunks = 4096;

    private long _version = long.MinValue;
    private readonly Dictionary<(string, SignalKind), StoredSpan?> _spans = [];
    private readonly Dictionary<(string, SignalKind, long), double[]?> _chunks = [];

    /// <summary>The catalog as last read, or null.</summary>
    public IReadOnlyList<SignalCatalogEntry>? Catalog { get; set; }

    /// <summary>Empties the cache if the database's version is not the one it was filled at.</summary>
    public void Validate(long version)
    {
        if (version == _version) return;
        Clear();
        _version = version;
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _spans.Clear();
        _chunks.Clear();
        Catalog = null;
    }

    /// <summary>A series' header and span (null: not stored), if read before.</summary>
    public bool TryGetSpan(string zone, SignalKind kind, out StoredSpan? span) => _spans.TryGetValue((zone, kind), out span);

    /// <summary>Keeps a series' header and span.</summary>
    public void PutSpan(string zone, SignalKind kind, StoredSpan? span) => _spans[(zone, kind)] = span;

    /// <summary>A chunk's values (null: no such chunk), if read before.</summary>
    public bool TryGetChunk(string zone, SignalKind kind, long chunk, out double[]? values) => _chunks.TryGetValue((zone, kind, chunk), out values);

    /// <summary>Keeps a chunk's values.</summary>
    public void PutChunk(string zone, SignalKind kind, long chunk, double[]? values)
    {
        if (_chunks.Count >= MaxChunks) _chunks.Clear();
        _chunks[(zone, kind, chunk)] = values;
    }
}

/// <summary>A stored series' grid (step, origin, currency) and the span its values cover, Unix seconds.</summary>
internal sealed record StoredSpan(long StepSeconds, long OriginUnixS, string? Currency, long FirstUnixS, long EndUnixS);
