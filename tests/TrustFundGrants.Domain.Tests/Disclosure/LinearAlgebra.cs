namespace TrustFundGrants.Domain.Tests;

/// <summary>
/// An attacker's view of a suppressed table, checked independently of the graph rule the code uses:
/// the unknowns are the hidden entries, the equations are "each row and each column of the grid with its
/// margins balances". A hidden entry is worked out exactly when its unit vector lies in the row space of
/// those equations, i.e. adding it does not raise the rank. Ranks are taken modulo a large prime; the
/// equations are 0/1 incidence rows, whose minors are 0 or ±1, so the rank is the same as over the rationals.
/// </summary>
internal static class LinearAlgebra
{
    private const long Prime = 1_000_000_007;

    public static bool Determined(bool[,] hidden, int row, int column)
    {
        var rows = hidden.GetLength(0);
        var columns = hidden.GetLength(1);
        var unknowns = new List<(int R, int C)>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (hidden[r, c])
                {
                    unknowns.Add((r, c));
                }
            }
        }

        var equations = new List<long[]>();
        for (var r = 0; r < rows; r++)
        {
            equations.Add(unknowns.Select(u => u.R == r ? 1L : 0L).ToArray());
        }

        for (var c = 0; c < columns; c++)
        {
            equations.Add(unknowns.Select(u => u.C == c ? 1L : 0L).ToArray());
        }

        var before = Rank(equations);
        equations.Add(unknowns.Select(u => u == (row, column) ? 1L : 0L).ToArray());
        return Rank(equations) == before;
    }

    private static int Rank(List<long[]> source)
    {
        var matrix = source.Select(r => (long[])r.Clone()).ToArray();
        var width = matrix.Length == 0 ? 0 : matrix[0].Length;
        var rank = 0;
        for (var col = 0; col < width && rank < matrix.Length; col++)
        {
            var pivot = Array.FindIndex(matrix, rank, r => r[col] % Prime != 0);
            if (pivot < 0)
            {
                continue;
            }

            (matrix[rank], matrix[pivot]) = (matrix[pivot], matrix[rank]);
            var inverse = Power(matrix[rank][col], Prime - 2);
            for (var r = 0; r < matrix.Length; r++)
            {
                if (r == rank || matrix[r][col] == 0)
                {
                    continue;
                }

                var factor = matrix[r][col] * inverse % Prime;
                for (var k = col; k < width; k++)
                {
                    matrix[r][k] = (((matrix[r][k] - (factor * matrix[rank][k])) % Prime) + Prime) % Prime;
                }
            }

            rank++;
        }

        return rank;
    }

    private static long Power(long value, long exponent)
    {
        long result = 1;
        value %= Prime;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result = result * value % Prime;
            }

            value = value * value % Prime;
            exponent >>= 1;
        }

        return result;
    }
}
