using System.Numerics;
using System.Runtime.InteropServices;

namespace Tandem.Forecasting;

/// <summary>The LASSO (least squares with an L1 penalty), solved by coordinate descent on the Gram matrix of
/// standardised columns along a falling path of penalties; the penalty is chosen by Akaike's criterion
/// n·MSE/Var(y) + 2·df, with df the number of non-zero coefficients (Zou, Hastie and Tibshirani 2007), as
/// scikit-learn's LassoLarsIC did for the epftoolbox LEAR model.</summary>
internal static class Lasso
{
    private const double Tolerance = 1e-4;
    private const int MaxSweeps = 500;
    /// <summary>The path stops after this many penalties in a row without a better criterion.</summary>
    private const int Patience = 4;

    /// <summary>Coefficients on the standardised columns. <paramref name="gram"/> is XᵀX/n (p × p, row-major, unit
    /// diagonal except for constant columns, which are left at zero), <paramref name="xy"/> is Xᵀy/n and
    /// <paramref name="yy"/> is yᵀy/n for a centred y. With <paramref name="refitFactor"/> below 1 the chosen solution
    /// is then refitted at that fraction of its penalty (see <see cref="LearModel"/> for why).</summary>
    public static double[] FitAic(double[] gram, int p, double[] xy, double yy, int n, double refitFactor = 1, int pathLength = 30, double minRatio = 1e-3)
    {
        var w = new double[p];
        var r = (double[])xy.Clone(); // r = Xᵀ(y − Xw)/n, kept up to date as w changes
        var best = new double[p];
        if (yy <= 0) return best;
        var bestAic = n * 1.0; // the empty model: MSE = Var(y), df = 0
        var top = 0.0;
        for (var j = 0; j < p; j++) top = Math.Max(top, Math.Abs(xy[j]));
        if (top == 0) return best;
        var sinceBest = 0;
        var bestAlpha = top;
        for (var i = 1; i < pathLength && sinceBest < Patience; i++)
        {
            var alpha = top * Math.Pow(minRatio, i / (pathLength - 1.0));
            Solve(gram, p, w, r, alpha);
            var df = 0;
            double wc = 0, wr = 0;
            for (var j = 0; j < p; j++)
            {
                if (w[j] == 0) continue;
                df++;
                wc += w[j] * xy[j];
                wr += w[j] * r[j];
            }
            var mse = Math.Max(0, yy - wc - wr);
            var aic = n * mse / yy + 2 * df;
            if (aic < bestAic) { bestAic = aic; Array.Copy(w, best, p); sinceBest = 0; bestAlpha = alpha; }
            else sinceBest++;
            // Beyond n/2 non-zero coefficients the penalty alone exceeds the empty model's criterion.
            if (2 * df > n) break;
        }
        if (refitFactor == 1) return best;
        // Refit at a smaller penalty from the chosen solution.
        for (var j = 0; j < p; j++)
        {
            double gw = 0;
            for (var l = 0; l < p; l++) gw += gram[j * p + l] * best[l];
            r[j] = xy[j] - gw;
        }
        Solve(gram, p, best, r, bestAlpha * refitFactor);
        return best;
    }

    /// <summary>The LASSO solution at one penalty, from zero.</summary>
    public static double[] Solve(double[] gram, int p, double[] xy, double alpha)
    {
        var w = new double[p];
        Solve(gram, p, w, (double[])xy.Clone(), alpha);
        return w;
    }

    /// <summary>Coordinate descent to convergence at one penalty, warm-started from <paramref name="w"/>: full sweeps
    /// alternate with sweeps over the non-zero coefficients only until a full sweep changes nothing.</summary>
    private static void Solve(double[] g, int p, double[] w, double[] r, double alpha)
    {
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var change = Sweep(g, p, w, r, alpha, activeOnly: false);
            if (change < Tolerance) return;
            for (var inner = 0; inner < MaxSweeps; inner++)
                if (Sweep(g, p, w, r, alpha, activeOnly: true) < Tolerance) break;
        }
    }

    /// <summary>r −= delta·row, a vector at a time.</summary>
    private static void Subtract(double[] r, ReadOnlySpan<double> row, double delta)
    {
        var l = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var rv = MemoryMarshal.Cast<double, Vector<double>>(r.AsSpan());
            var gv = MemoryMarshal.Cast<double, Vector<double>>(row);
            var d = new Vector<double>(delta);
            for (var i = 0; i < rv.Length; i++) rv[i] -= d * gv[i];
            l = rv.Length * Vector<double>.Count;
        }
        for (; l < r.Length; l++) r[l] -= delta * row[l];
    }

    private static double Sweep(double[] g, int p, double[] w, double[] r, double alpha, bool activeOnly)
    {
        var largest = 0.0;
        for (var j = 0; j < p; j++)
        {
            var old = w[j];
            if (activeOnly && old == 0) continue;
            var gjj = g[j * p + j];
            if (gjj <= 0) continue;
            var z = r[j] + gjj * old;
            var updated = z > alpha ? (z - alpha) / gjj : z < -alpha ? (z + alpha) / gjj : 0;
            var delta = updated - old;
            if (delta == 0) continue;
            w[j] = updated;
            Subtract(r, g.AsSpan(j * p, p), delta);
            largest = Math.Max(largest, Math.Abs(delta));
        }
        return largest;
    }
}
