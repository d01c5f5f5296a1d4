namespace TrustFundGrants.Domain;

/// <summary>
/// Suppression for a table shown for the fund's whole life and for each year: the years and the all-years
/// table are the slices of one three-way table (year × row × column, every way with its totals), so a count
/// hidden in one year's table could otherwise be worked out from the all-years table minus the other years.
/// Primary suppression hides every count from 1 to k − 1 anywhere in it; then every two-way slice (each year,
/// the all-years table, and each row and each column across the years) is protected in turn
/// (<see cref="Suppression.Protect"/>), again and again until a whole pass hides nothing more: the hypercube
/// method statistical offices use for linked tables. Hiding only ever grows, so it ends.
/// </summary>
public static class YearlySuppression
{
    /// <summary>The all-years table (the sum of <paramref name="byYear"/>) and each year's, suppressed together.</summary>
    public static (SuppressedTable AllYears, IReadOnlyDictionary<int, SuppressedTable> ByYear) Apply(
        IReadOnlyDictionary<int, CountTable> byYear, IReadOnlyList<string> rows, IReadOnlyList<string> columns, DisclosureThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(byYear);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var years = byYear.Keys.Order().ToArray();
        var cube = Cube(years.Select(y => byYear[y]).ToArray(), rows.Count, columns.Count);
        var hidden = new bool[cube.GetLength(0), cube.GetLength(1), cube.GetLength(2)];
        ForEach(cube, (y, r, c) => hidden[y, r, c] = threshold.IsSensitive(cube[y, r, c]));
        while (ProtectSlices(cube, hidden))
        {
        }

        var all = Slice(cube, hidden, years.Length, rows, columns);
        return (all, years.Select((year, i) => (year, i)).ToDictionary(e => e.year, e => Slice(cube, hidden, e.i, rows, columns)));
    }

    /// <summary>Every two-way slice of the three-way table (along each axis in turn), each a grid with its totals, for checks.</summary>
    public static IEnumerable<(long[,] Grid, bool[,] Hidden)> Slices(long[,,] cube, bool[,,] hidden)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(hidden);
        for (var axis = 0; axis < 3; axis++)
        {
            for (var index = 0; index < cube.GetLength(axis); index++)
            {
                yield return Take(cube, hidden, axis, index);
            }
        }
    }

    private static bool ProtectSlices(long[,,] cube, bool[,,] hidden)
    {
        var changed = false;
        for (var axis = 0; axis < 3; axis++)
        {
            for (var index = 0; index < cube.GetLength(axis); index++)
            {
                var (grid, mask) = Take(cube, hidden, axis, index);
                if (Suppression.Protect(grid, mask))
                {
                    Put(hidden, mask, axis, index);
                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>year × row × column with totals on every axis: the last year is the all-years table.</summary>
    public static long[,,] Cube(IReadOnlyList<CountTable> years, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(years);
        var cube = new long[years.Count + 1, rows + 1, columns + 1];
        for (var y = 0; y < years.Count; y++)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var count = years[y][r, c];
                    cube[y, r, c] += count;
                    cube[y, r, columns] += count;
                    cube[y, rows, c] += count;
                    cube[y, rows, columns] += count;
                    cube[years.Count, r, c] += count;
                    cube[years.Count, r, columns] += count;
                    cube[years.Count, rows, c] += count;
                    cube[years.Count, rows, columns] += count;
                }
            }
        }

        return cube;
    }

    private static (long[,] Grid, bool[,] Hidden) Take(long[,,] cube, bool[,,] hidden, int axis, int index)
    {
        var (a, b) = Other(cube, axis);
        var grid = new long[a, b];
        var mask = new bool[a, b];
        for (var i = 0; i < a; i++)
        {
            for (var j = 0; j < b; j++)
            {
                var (y, r, c) = At(axis, index, i, j);
                grid[i, j] = cube[y, r, c];
                mask[i, j] = hidden[y, r, c];
            }
        }

        return (grid, mask);
    }

    private static void Put(bool[,,] hidden, bool[,] mask, int axis, int index)
    {
        for (var i = 0; i < mask.GetLength(0); i++)
        {
            for (var j = 0; j < mask.GetLength(1); j++)
            {
                var (y, r, c) = At(axis, index, i, j);
                hidden[y, r, c] |= mask[i, j];
            }
        }
    }

    private static (int, int) Other(long[,,] cube, int axis) => axis switch
    {
        0 => (cube.GetLength(1), cube.GetLength(2)),
        1 => (cube.GetLength(0), cube.GetLength(2)),
        _ => (cube.GetLength(0), cube.GetLength(1)),
    };

    private static (int Y, int R, int C) At(int axis, int index, int i, int j) => axis switch
    {
        0 => (index, i, j),
        1 => (i, index, j),
        _ => (i, j, index),
    };

    private static void ForEach(long[,,] cube, Action<int, int, int> action)
    {
        for (var y = 0; y < cube.GetLength(0); y++)
        {
            for (var r = 0; r < cube.GetLength(1); r++)
            {
                for (var c = 0; c < cube.GetLength(2); c++)
                {
                    action(y, r, c);
                }
            }
        }
    }

    private static SuppressedTable Slice(long[,,] cube, bool[,,] hidden, int year, IReadOnlyList<string> rows, IReadOnlyList<string> columns)
    {
        ShownCount At(int r, int c) => hidden[year, r, c] ? ShownCount.Hidden : new ShownCount(cube[year, r, c]);
        var cells = new ShownCount[rows.Count, columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                cells[r, c] = At(r, c);
            }
        }

        return new SuppressedTable(
            rows,
            columns,
            cells,
            Enumerable.Range(0, rows.Count).Select(r => At(r, columns.Count)).ToArray(),
            Enumerable.Range(0, columns.Count).Select(c => At(rows.Count, c)).ToArray(),
            At(rows.Count, columns.Count));
    }
}
