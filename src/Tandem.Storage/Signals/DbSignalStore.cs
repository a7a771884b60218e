using System.Data;
using System.Data.Common;
using static Tandem.Storage.DbParameters;
using System.Globalization;
using Tandem.Signals;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Storage.Signals;

/// <summary>The signal store over any ADO.NET connection whose SQL both SQLite and PostgreSQL speak: the embedded SQLite
/// file by default (<see cref="SqliteSignalStore"/>), PostgreSQL for servers (<see cref="PostgresSignalStore"/>), one
/// implementation and one set of contract tests. A series (zone, kind) keeps one step and one grid, fixed by its first
/// import (table signal_series, with its unit and, for prices, currency). Its values sit in chunks of
/// <see cref="SignalChunk.Length"/> steps, one row each (table signal_chunks: float64 bytes, NaN where there is no
/// value), found through the index on (zone, kind, chunk start). Times cross into SQL as whole Unix seconds.</summary>
public abstract class DbSignalStore : ISignalStore
{
    /// <summary>How a read finds the chunks of a series in a time range; tests check that SQLite answers it from the
    /// (zone, kind, time) index.</summary>
    internal const string ChunksInRange = """
        SELECT chunk_start_unix_s, values_f64 FROM signal_chunks
        WHERE zone = @zone AND kind = @kind AND chunk_start_unix_s BETWEEN @from AND @to
        ORDER BY chunk_start_unix_s
        """;

    /// <summary>The span a series covers, from its chunks.</summary>
    internal const string Span = "SELECT MIN(first_unix_s), MAX(end_unix_s) FROM signal_chunks WHERE zone = @zone AND kind = @kind";

    private const string Upsert = """
        INSERT INTO signal_chunks (zone, kind, chunk_start_unix_s, first_unix_s, end_unix_s, value_count, values_f64)
        VALUES (@zone, @kind, @start, @first, @end, @count, @values)
        ON CONFLICT (zone, kind, chunk_start_unix_s) DO UPDATE SET first_unix_s = excluded.first_unix_s,
            end_unix_s = excluded.end_unix_s, value_count = excluded.value_count, values_f64 = excluded.values_f64
        """;

    private readonly DbConnection _connection;
    private readonly SignalReadCache _cache = new();

    /// <summary>A store on an open connection to a database whose schema is current.</summary>
    protected DbSignalStore(DbConnection connection) => _connection = connection;

    /// <summary>The store in <paramref name="db"/>: PostgreSQL for a connection string, else the SQLite file.</summary>
    public static DbSignalStore OpenFor(string db) =>
        Schema.PostgresDatabase.IsConnectionString(db) ? PostgresSignalStore.Open(db) : SqliteSignalStore.Open(db);

    /// <summary>Begins the transaction an import runs in, taking the write lock at once (a second writer waits).</summary>
    protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A number that moves whenever another connection commits to the database, read on every call; null
    /// where the database cannot tell cheaply, and then nothing is cached (<see cref="SignalReadCache"/>).</summary>
    protected virtual long? DataVersion(DbConnection connection) => null;

    private SignalReadCache? FreshCache()
    {
        if (DataVersion(_connection) is not { } version) return null;
        _cache.Validate(version);
        return _cache;
    }

    /// <inheritdoc />
    public SignalSeries? Read(string zone, SignalKind kind, Interval range)
    {
        var cache = FreshCache();
        if (cache is null || !cache.TryGetSpan(zone, kind, out var held))
        {
            held = StoredSpanOf(zone, kind);
            cache?.PutSpan(zone, kind, held);
        }
        if (held is null) return null;
        var stepTicks = held.StepSeconds * TimeSpan.TicksPerSecond;
        var originTicks = UnixTicks(held.OriginUnixS);
        // The steps that start inside both the range and the span the series has values for.
        var i0 = CeilDiv(Math.Max(range.Start.UtcTicks, UnixTicks(held.FirstUnixS)) - originTicks, stepTicks);
        var i1 = CeilDiv(Math.Min(range.End.UtcTicks, UnixTicks(held.EndUnixS)) - originTicks, stepTicks);
        if (i1 <= i0) return null;
        var values = new double[checked((int)(i1 - i0))];
        Array.Fill(values, double.NaN);
        long k0 = SignalChunk.Of(i0), k1 = SignalChunk.Of(i1 - 1);
        var chunks = new double[]?[k1 - k0 + 1];
        var cached = cache is not null;
        for (var k = k0; k <= k1 && cached; k++) cached = cache!.TryGetChunk(zone, kind, k, out chunks[k - k0]);
        if (!cached)
        {
            Array.Clear(chunks);
            var chunkSeconds = SignalChunk.Length * held.StepSeconds;
            using var cmd = Command(ChunksInRange, null, zone, kind);
            Add(cmd, "@from", DbType.Int64, held.OriginUnixS + k0 * chunkSeconds);
            Add(cmd, "@to", DbType.Int64, held.OriginUnixS + k1 * chunkSeconds);
            using (var r = cmd.ExecuteReader())
                while (r.Read())
                    chunks[(r.GetInt64(0) - held.OriginUnixS) / chunkSeconds - k0] = SignalChunk.Decode((byte[])r.GetValue(1));
            for (var k = k0; k <= k1; k++) cache?.PutChunk(zone, kind, k, chunks[k - k0]);
        }
        for (var k = k0; k <= k1; k++)
        {
            if (chunks[k - k0] is not { } chunk) continue;
            var chunkFirst = k * SignalChunk.Length;
            var a = Math.Max(i0, chunkFirst);
            var b = Math.Min(i1, chunkFirst + SignalChunk.Length);
            Array.Copy(chunk, a - chunkFirst, values, a - i0, b - a);
        }
        var grid = new TimeGrid(new DateTimeOffset(originTicks + i0 * stepTicks, TimeSpan.Zero), TimeSpan.FromTicks(stepTicks), values.Length);
        return new SignalSeries(zone, kind, new Series<double>(grid, values), held.Currency);
    }

    /// <summary>A series' header and span, from the database.</summary>
    private StoredSpan? StoredSpanOf(string zone, SignalKind kind)
    {
        if (Header(zone, kind, null) is not { } header) return null;
        using var cmd = Command(Span, null, zone, kind);
        using var r = cmd.ExecuteReader();
        if (!r.Read() || r.IsDBNull(0)) return null;
        return new StoredSpan(header.StepSeconds, header.OriginUnixS, header.Currency, r.GetInt64(0), r.GetInt64(1));
    }

    /// <inheritdoc />
    public IReadOnlyList<SignalCatalogEntry> Catalog()
    {
        var cache = FreshCache();
        if (cache?.Catalog is { } known) return known;
        var list = ReadCatalog();
        if (cache is not null) cache.Catalog = list;
        return list;
    }

    private List<SignalCatalogEntry> ReadCatalog()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT s.zone, s.kind, s.step_seconds, s.currency, MIN(c.first_unix_s), MAX(c.end_unix_s), SUM(c.value_count)
            FROM signal_series s JOIN signal_chunks c ON c.zone = s.zone AND c.kind = s.kind
            GROUP BY s.zone, s.kind ORDER BY s.zone, s.kind
            """;
        using var r = cmd.ExecuteReader();
        var list = new List<SignalCatalogEntry>();
        while (r.Read())
        {
            var kind = SignalKinds.Parse(r.GetString(1)) ?? throw new StoreException($"the database holds a signal kind '{r.GetString(1)}' this Tandem does not know; use a newer Tandem");
            list.Add(new SignalCatalogEntry(r.GetString(0), kind, TimeSpan.FromSeconds(r.GetInt64(2)),
                DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4)), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(5)),
                checked((int)Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture)), r.IsDBNull(3) ? null : r.GetString(3)));
        }
        return list;
    }

    /// <inheritdoc />
    public void Import(IReadOnlyList<SignalSeries> series)
    {
        foreach (var s in series) Check(s);
        // This connection's own commits do not move the data version: its cache is emptied here, before and after.
        _cache.Clear();
        try
        {
            using var tx = BeginWrite(_connection);
            foreach (var s in series) Write(s, tx);
            tx.Commit();
        }
        finally
        {
            _cache.Clear();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>The span of time the store keeps (Unix seconds must stay far inside what DateTimeOffset can hold).</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch, Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What can be said about a series before looking at the store.</summary>
    private static void Check(SignalSeries s)
    {
        if (string.IsNullOrWhiteSpace(s.Zone) || s.Zone != s.Zone.Trim())
            throw new StoreException($"zone '{s.Zone}': a series needs a zone or site id, without spaces around it");
        var name = $"{s.Zone} {s.Kind.Name()}";
        if (s.Grid.Start < Earliest || s.Grid.End > Latest)
            throw new StoreException($"{name}: the store keeps times from {Earliest:yyyy} to {Latest:yyyy}; this series runs from {s.Grid.Start:O} to {s.Grid.End:O}");
        if (s.Grid.Step.Ticks % TimeSpan.TicksPerSecond != 0 || s.Grid.Start.UtcTicks % TimeSpan.TicksPerSecond != 0)
            throw new StoreException($"{name}: the store keeps grids of whole seconds; this one starts at {s.Grid.Start:O} in steps of {s.Grid.Step}");
        if (s.Kind == SignalKind.Price && !Currency.TryParse(s.Currency, out _))
            throw new StoreException($"{name}: a price series needs its currency (three capital letters), not '{s.Currency}'");
        if (s.Kind != SignalKind.Price && s.Currency is not null)
            throw new StoreException($"{name}: only prices carry a currency; this series says {s.Currency}");
        var any = false;
        for (var i = 0; i < s.Values.Count; i++)
        {
            if (double.IsInfinity(s.Values[i])) throw new StoreException($"{name}: the value at {s.Grid.TimeAt(i):O} is infinite");
            any |= !double.IsNaN(s.Values[i]);
        }
        if (!any) throw new StoreException($"{name}: the series has no values, only gaps");
    }

    private void Write(SignalSeries s, DbTransaction tx)
    {
        var stepSeconds = s.Grid.Step.Ticks / TimeSpan.TicksPerSecond;
        var startUnixS = s.Grid.Start.ToUnixTimeSeconds();
        var name = $"{s.Zone} {s.Kind.Name()}";
        long origin;
        if (Header(s.Zone, s.Kind, tx) is not { } held)
        {
            using var insert = Command("""
                INSERT INTO signal_series (zone, kind, unit, step_seconds, origin_unix_s, currency)
                VALUES (@zone, @kind, @unit, @step, @origin, @currency)
                """, tx, s.Zone, s.Kind);
            Add(insert, "@unit", DbType.String, s.Kind.Unit());
            Add(insert, "@step", DbType.Int64, stepSeconds);
            Add(insert, "@origin", DbType.Int64, startUnixS);
            Add(insert, "@currency", DbType.String, (object?)s.Currency ?? DBNull.Value);
            insert.ExecuteNonQuery();
            origin = startUnixS;
        }
        else
        {
            if (held.StepSeconds != stepSeconds)
                throw new StoreException($"{name}: the store holds this series in steps of {Minutes(held.StepSeconds)}; this one steps {Minutes(stepSeconds)}. A series keeps one step: resample the data, or store it under another zone");
            if ((startUnixS - held.OriginUnixS) % stepSeconds != 0)
                throw new StoreException($"{name}: the stored steps fall every {Minutes(stepSeconds)} from {DateTimeOffset.FromUnixTimeSeconds(held.OriginUnixS):O}; this series starts at {s.Grid.Start:O}, between two of them");
            if (held.Currency != s.Currency)
                throw new StoreException($"{name}: the store holds these prices in {held.Currency}; this series is in {s.Currency}. Convert it first, or store it under another zone");
            origin = held.OriginUnixS;
        }

        var firstIndex = (startUnixS - origin) / stepSeconds;
        var n = s.Values.Count;
        using var select = Command("SELECT values_f64 FROM signal_chunks WHERE zone = @zone AND kind = @kind AND chunk_start_unix_s = @start", tx, s.Zone, s.Kind);
        var selectStart = Add(select, "@start", DbType.Int64, 0L);
        using var upsert = Command(Upsert, tx, s.Zone, s.Kind);
        var p = new[] { "@start", "@first", "@end" }.Select(k => Add(upsert, k, DbType.Int64, 0L)).Append(Add(upsert, "@count", DbType.Int32, 0)).ToArray();
        var blob = Add(upsert, "@values", DbType.Binary, Array.Empty<byte>());
        for (var k = SignalChunk.Of(firstIndex); k <= SignalChunk.Of(firstIndex + n - 1); k++)
        {
            var chunkFirst = k * SignalChunk.Length;
            var chunkStart = origin + chunkFirst * stepSeconds;
            selectStart.Value = chunkStart;
            var values = select.ExecuteScalar() is byte[] bytes ? SignalChunk.Decode(bytes) : SignalChunk.Empty();
            var changed = false;
            for (var i = Math.Max(firstIndex, chunkFirst); i < Math.Min(firstIndex + n, chunkFirst + SignalChunk.Length); i++)
            {
                var v = s.Values[(int)(i - firstIndex)];
                if (double.IsNaN(v)) continue;
                values[i - chunkFirst] = v;
                changed = true;
            }
            if (!changed) continue;
            int count = 0, lo = -1, hi = -1;
            for (var j = 0; j < values.Length; j++)
            {
                if (double.IsNaN(values[j])) continue;
                count++;
                if (lo < 0) lo = j;
                hi = j;
            }
            p[0].Value = chunkStart;
            p[1].Value = chunkStart + lo * stepSeconds;
            p[2].Value = chunkStart + (hi + 1) * stepSeconds;
            p[3].Value = count;
            blob.Value = SignalChunk.Encode(values);
            upsert.ExecuteNonQuery();
        }
    }

    private (long StepSeconds, long OriginUnixS, string? Currency)? Header(string zone, SignalKind kind, DbTransaction? tx)
    {
        using var cmd = Command("SELECT step_seconds, origin_unix_s, currency FROM signal_series WHERE zone = @zone AND kind = @kind", tx, zone, kind);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return (r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    private DbCommand Command(string sql, DbTransaction? tx, string zone, SignalKind kind)
    {
        var cmd = DbParameters.Command(_connection, sql, tx);
        Add(cmd, "@zone", DbType.String, zone);
        Add(cmd, "@kind", DbType.String, kind.Name());
        return cmd;
    }

    private static long UnixTicks(long unixSeconds) => DateTimeOffset.UnixEpoch.UtcTicks + unixSeconds * TimeSpan.TicksPerSecond;

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    private static string Minutes(long seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60.0:0.##} minutes");
}
