namespace Tandem.Time;

/// <summary>The outcome of resampling: the values on the grid, or the problems that prevented it.</summary>
/// <param name="Values">One value per grid step, or null when there were problems.</param>
/// <param name="Problems">Human-readable problems, each naming the instant concerned.</param>
public sealed record ResampleResult(double[]? Values, IReadOnlyList<string> Problems);
