namespace Tandem.Formats;

/// <summary>The text of one data file. Whatever goes wrong while it is read (a corrupt or cut-short gzip file, a disk
/// error) becomes a <see cref="DataFileException"/> naming the file, so every reader built on it reports bad input
/// the same way instead of failing with a bare <see cref="IOException"/> or <see cref="InvalidDataException"/>.</summary>
internal sealed class DataFileText(string path, TextReader inner, bool gzip) : TextReader
{
    public override int Peek() => Guard(inner.Peek);
    public override int Read() => Guard(inner.Read);
    public override int Read(char[] buffer, int index, int count) => Guard(() => inner.Read(buffer, index, count));
    public override int Read(Span<char> buffer)
    {
        try { return inner.Read(buffer); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { throw Problem(e); }
    }
    public override string? ReadLine() => Guard(inner.ReadLine);
    public override string ReadToEnd() => Guard(inner.ReadToEnd);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private T Guard<T>(Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { throw Problem(e); }
    }

    private DataFileException Problem(Exception e) => e switch
    {
        InvalidDataException when gzip => new DataFileException(path, "", 0, $"is not a readable gzip file, corrupt or cut short ({e.Message})"),
        InvalidDataException => new DataFileException(path, "", 0, $"cannot be read: {e.Message}"),
        UnauthorizedAccessException => new DataFileException(path, "", 0, "cannot be read: permission denied"),
        _ => new DataFileException(path, "", 0, $"cannot be read: {e.Message}"),
    };
}
