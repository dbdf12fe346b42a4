namespace ProgressVision.Analysis.Registration;

/// <summary>Dense solvers for the tiny systems of registration (8×8 normal equations, 9×9 DLT).</summary>
internal static class SmallLinearAlgebra
{
    /// <summary>
    /// Solves A x = b (n×n, row-major) by Gaussian elimination with partial pivoting. Returns false
    /// when A is numerically singular. A and b are overwritten.
    /// </summary>
    public static bool Solve(double[] a, double[] b, int n, double[] x)
    {
        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        double tiny = Math.Max(scale, 1e-300) * 1e-13;
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[(r * n) + col]) > Math.Abs(a[(piv * n) + col]))
                {
                    piv = r;
                }
            }

            if (Math.Abs(a[(piv * n) + col]) < tiny)
            {
                return false;
            }

            if (piv != col)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(piv * n) + k]) = (a[(piv * n) + k], a[(col * n) + k]);
                }

                (b[col], b[piv]) = (b[piv], b[col]);
            }

            for (int r = col + 1; r < n; r++)
            {
                double f = a[(r * n) + col] / a[(col * n) + col];
                if (f == 0)
                {
                    continue;
                }

                for (int k = col; k < n; k++)
                {
                    a[(r * n) + k] -= f * a[(col * n) + k];
                }

                b[r] -= f * b[col];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= a[(r * n) + k] * x[k];
            }

            x[r] = s / a[(r * n) + r];
        }

        return true;
    }

    /// <summary>
    /// Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations (robust and exact
    /// enough in double for n ≤ 9). Returns eigenvalues; column k of <paramref name="vectors"/>
    /// (row-major n×n) is the eigenvector of eigenvalue k. The input is overwritten.
    /// </summary>
    public static double[] SymmetricEigen(double[] a, int n, double[] vectors)
    {
        Array.Clear(vectors);
        for (int i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0, diag = 0;
            for (int p = 0; p < n; p++)
            {
                diag += a[(p * n) + p] * a[(p * n) + p];
                for (int q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            if (off <= 1e-30 * Math.Max(diag, 1e-300))
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[(p * n) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    // Rotation angle that zeroes a[p,q] (Golub & Van Loan, Algorithm 8.4.1).
                    double theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[(k * n) + p], akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (s * akq);
                        a[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[(p * n) + k], aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * aqk);
                        a[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[(k * n) + p], vkq = vectors[(k * n) + q];
                        vectors[(k * n) + p] = (c * vkp) - (s * vkq);
                        vectors[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = a[(i * n) + i];
        }

        return values;
    }
}
