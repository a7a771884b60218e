namespace Tandem.Storage;

/// <summary>The store refused an input or a database: a series that does not fit what it already holds, or a
/// database written by a newer Tandem. This is bad input, not a bug; the message says what and where, and nothing was
/// written.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException() { }
    /// <summary>Creates the exception with a message.</summary>
    public StoreException(string message) : base(message) { }
    /// <summary>Creates the exception with a message and cause.</summary>
    public StoreException(string message, Exception inner) : base(message, inner) { }
}
