namespace Tandem.Formats;

/// <summary>One thing wrong with an input: the file, the field and (for text files) the line, and what is wrong.</summary>
/// <param name="File">Path of the file, as given.</param>
/// <param name="Field">Column, JSON path or option concerned; empty when the whole file is meant.</param>
/// <param name="Line">1-based line number, or 0 when not tied to a line.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record DataProblem(string File, string Field, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
