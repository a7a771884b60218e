using System.Buffers.Binary;
using System.IO.Compression;

namespace Tandem.Formats;

/// <summary>Decompresses a gzip file and notices when it was cut short. .NET's <see cref="GZipStream"/> simply stops
/// at the end of a truncated file, which would read as a valid but shorter file; so at the end this compares the bytes
/// produced with the length the gzip trailer records (its last four bytes, modulo 2³²) and throws
/// <see cref="InvalidDataException"/> when they differ. A file of several gzip members (from cat or bgzip) records only
/// its last member's length, so the check is skipped when a second member header is found.</summary>
public sealed class GzipInput : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private long _produced;
    private bool _checked;

    /// <summary>Decompresses <paramref name="file"/> (positioned at its start).</summary>
    public GzipInput(FileStream file)
    {
        _file = file;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>True if the first bytes are gzip's magic number (1f 8b).</summary>
    public static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        _produced += n;
        if (n == 0 && buffer.Length > 0) CheckLength();
        return n;
    }

    private void CheckLength()
    {
        if (_checked) return;
        _checked = true;
        if (_file.Length < 18) throw new InvalidDataException($"the file is {_file.Length} bytes long, shorter than any complete gzip file");
        Span<byte> trailer = stackalloc byte[4];
        _file.Position = _file.Length - 4;
        _file.ReadExactly(trailer);
        var recorded = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (recorded == (uint)_produced || HasSecondMember(File.ReadAllBytes(_file.Name))) return;
        throw new InvalidDataException($"it decompresses to {_produced} bytes but its trailer records {recorded}");
    }

    /// <summary>A later gzip member header: magic, deflate method, no reserved flag bits.</summary>
    private static bool HasSecondMember(byte[] b)
    {
        for (var i = 10; i + 3 < b.Length; i++)
            if (b[i] == 0x1f && b[i + 1] == 0x8b && b[i + 2] == 8 && (b[i + 3] & 0xe0) == 0) return true;
        return false;
    }

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => false;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => _produced; set => throw new NotSupportedException(); }
    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
