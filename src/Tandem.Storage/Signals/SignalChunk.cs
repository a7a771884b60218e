using System.Buffers.Binary;

namespace Tandem.Storage.Signals;

/// <summary>A block of <see cref="Length"/> consecutive steps of one series, stored as one BLOB of little-endian
/// float64 values (8 bytes a step, NaN where there is no value). Chunks sit at fixed places on the series' grid:
/// chunk k holds steps k·Length to (k+1)·Length − 1, counted from the series' origin.</summary>
internal static class SignalChunk
{
    /// <summary>Steps per chunk: 8 KiB a row; 42 days of hourly values, 3.5 days of 5-minute ones.</summary>
    public const int Length = 1024;

    /// <summary>A chunk of NaN (no values yet).</summary>
    public static double[] Empty()
    {
        var v = new double[Length];
        Array.Fill(v, double.NaN);
        return v;
    }

    public static byte[] Encode(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return bytes;
    }

    public static double[] Decode(byte[] bytes)
    {
        if (bytes.Length != Length * sizeof(double))
            throw new InvalidDataException($"A signal chunk holds {Length * sizeof(double)} bytes; this one has {bytes.Length}.");
        var values = new double[Length];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return values;
    }

    /// <summary>Floor division: the chunk of step <paramref name="index"/>, also for steps before the origin.</summary>
    public static long Of(long index) => index >= 0 ? index / Length : -((-index + Length - 1) / Length);
}
