namespace Tandem.Units;

/// <summary>Invariant checks shared by the unit types. A failure here means a bug upstream, not bad input:
/// input is validated where it enters (readers, scenario loader, CLI, HTTP).</summary>
internal static class Guard
{
    /// <summary>Returns <paramref name="value"/> if it is a finite number, else throws.</summary>
    public static double Finite(double value, string quantity) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(quantity, value, $"{quantity} must be a finite number.");
}
