namespace Tandem.Formats;

/// <summary>An input could not be read. Carries every problem found, not just the first, so a user can fix them
/// all at once. This is bad input, not a bug: the CLI prints the problems and exits 2.</summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public DataFileException(IReadOnlyList<DataProblem> problems)
        : base(string.Join(Environment.NewLine, problems.Select(p => p.ToString()))) => Problems = problems;

    /// <summary>Creates the exception from a single problem.</summary>
    public DataFileException(string file, string field, int line, string message) : this([new DataProblem(file, field, line, message)]) { }

    /// <summary>Creates an exception with a bare message.</summary>
    public DataFileException() : this([]) { }
    /// <summary>Creates an exception with a bare message.</summary>
    public DataFileException(string message) : this([new DataProblem("", "", 0, message)]) { }
    /// <summary>Creates an exception with a bare message and cause.</summary>
    public DataFileException(string message, Exception inner) : base(message, inner) => Problems = [new DataProblem("", "", 0, message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DataProblem> Problems { get; }
}
