namespace Tandem.Forecasting;

/// <summary>Solves the normal equations of a ridge regression, A·w = b with A symmetric positive definite (n × n,
/// row-major), by Cholesky decomposition.</summary>
internal static class Ridge
{
    public static double[] Solve(double[] a, int n, ReadOnlySpan<double> b) => SolveFactored(Factor(a, n), n, b);

    /// <summary>The Cholesky factor L of A (A = L·Lᵀ), to solve for many right-hand sides.</summary>
    public static double[] Factor(double[] a, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i * n + j];
                for (var k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                if (i == j) l[i * n + i] = Math.Sqrt(Math.Max(sum, 1e-12));
                else l[i * n + j] = sum / l[j * n + j];
            }
        }
        return l;
    }

    /// <summary>Solves L·Lᵀ·x = b for a factor from <see cref="Factor"/>.</summary>
    public static double[] SolveFactored(double[] l, int n, ReadOnlySpan<double> b)
    {
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i * n + k] * y[k];
            y[i] = s / l[i * n + i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
