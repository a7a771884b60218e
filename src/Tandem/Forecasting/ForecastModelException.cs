namespace Tandem.Forecasting;

/// <summary>A model cannot be trained on the data it was given: too little history before the first issue time, or
/// nothing to learn from, or its trainer failed on the data. This is bad input, not a bug: the CLI prints the message
/// and exits 2.</summary>
public sealed class ForecastModelException : Exception
{
    /// <summary>Creates the exception for the model named <paramref name="model"/>.</summary>
    public ForecastModelException(string model, string message) : base($"{model}: {message}") => Model = model;

    /// <summary>Creates the exception for the model named <paramref name="model"/>, keeping the trainer's own error.</summary>
    public ForecastModelException(string model, string message, Exception inner) : base($"{model}: {message}", inner) => Model = model;

    /// <summary>Creates an exception with no model named.</summary>
    public ForecastModelException() => Model = "";
    /// <summary>Creates an exception with a bare message.</summary>
    public ForecastModelException(string message) : base(message) => Model = "";
    /// <summary>Creates an exception with a bare message and cause.</summary>
    public ForecastModelException(string message, Exception inner) : base(message, inner) => Model = "";

    /// <summary>The model's name, as on the command line (empty when not known).</summary>
    public string Model { get; }
}
