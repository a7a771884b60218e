namespace Tandem.Time;

/// <summary>Values on a <see cref="TimeGrid"/>, one per step; value i labels step i. Immutable once built.</summary>
/// <typeparam name="T">The value type; a unit type inside the domain.</typeparam>
public sealed class Series<T>
{
    private readonly T[] _values;

    /// <summary>Wraps values; there must be exactly one per grid step.</summary>
    public Series(TimeGrid grid, T[] values)
    {
        if (values.Length != grid.Count)
            throw new ArgumentException($"A series on a grid of {grid.Count} steps needs {grid.Count} values, got {values.Length}.");
        Grid = grid;
        _values = values;
    }

    /// <summary>The grid the values sit on.</summary>
    public TimeGrid Grid { get; }
    /// <summary>The value of step <paramref name="index"/>.</summary>
    public T this[int index] => _values[index];
    /// <summary>Number of values (equal to the grid's count).</summary>
    public int Count => _values.Length;
    /// <summary>The values as a read-only span.</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>A series with every step holding the same value.</summary>
    public static Series<T> Constant(TimeGrid grid, T value)
    {
        var v = new T[grid.Count];
        Array.Fill(v, value);
        return new Series<T>(grid, v);
    }

    /// <summary>Maps every value.</summary>
    public Series<TOut> Select<TOut>(Func<T, TOut> map)
    {
        var v = new TOut[_values.Length];
        for (var i = 0; i < v.Length; i++) v[i] = map(_values[i]);
        return new Series<TOut>(Grid, v);
    }
}
