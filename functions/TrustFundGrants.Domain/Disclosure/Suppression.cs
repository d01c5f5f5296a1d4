namespace TrustFundGrants.Domain;

/// <summary>
/// Primary and secondary cell suppression for a two-way table shown with its margins.
/// <para>
/// Primary: every count from 1 to k − 1, cell or total, is hidden. Secondary: the table with its margins
/// is an (R+1)×(C+1) grid in which every row and column balances (cells minus their total is zero). The
/// hidden entries are the edges of a bipartite graph between the grid's rows and columns, and a hidden
/// entry can be worked out from the shown ones exactly when its edge lies on no cycle of that graph (the
/// null space of an incidence matrix is its cycle space). So while some hidden entry is a bridge, a
/// rectangle through it is hidden too, choosing the rectangle that hides the least people: that puts the
/// entry on a cycle and never turns another into a bridge, so the loop ends.
/// </para>
/// </summary>
public static class Suppression
{
    public static SuppressedTable Apply(CountTable table, DisclosureThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        var grid = Grid(table);
        var rows = grid.GetLength(0);
        var columns = grid.GetLength(1);
        var hidden = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                hidden[r, c] = threshold.IsSensitive(grid[r, c]);
            }
        }

        Protect(grid, hidden);
        return Shown(table, grid, hidden);
    }

    /// <summary>
    /// Secondary suppression of a grid whose last row and column are its totals, given what is hidden already:
    /// hides more until no hidden entry can be worked out from the shown ones. Returns whether it hid any.
    /// </summary>
    public static bool Protect(long[,] grid, bool[,] hidden)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(hidden);
        var changed = false;
        while (FindBridge(hidden) is var (r, c))
        {
            HideCheapestRectangle(grid, hidden, r, c);
            changed = true;
        }

        return changed;
    }

    /// <summary>A hidden entry of the (R+1)×(C+1) grid that the shown ones determine, or null when none is.</summary>
    public static (int Row, int Column)? FindBridge(bool[,] hidden)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var rows = hidden.GetLength(0);
        var columns = hidden.GetLength(1);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (hidden[r, c] && !Connected(hidden, r, c))
                {
                    return (r, c);
                }
            }
        }

        return null;
    }

    private static long[,] Grid(CountTable table)
    {
        var rows = table.Rows.Count;
        var columns = table.Columns.Count;
        var grid = new long[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = table[r, c];
            }

            grid[r, columns] = table.RowTotal(r);
        }

        for (var c = 0; c < columns; c++)
        {
            grid[rows, c] = table.ColumnTotal(c);
        }

        grid[rows, columns] = table.GrandTotal;
        return grid;
    }

    // Is row node r still joined to column node c through hidden entries other than (r, c)?
    private static bool Connected(bool[,] hidden, int row, int column)
    {
        var rows = hidden.GetLength(0);
        var columns = hidden.GetLength(1);
        var seenRows = new bool[rows];
        var seenColumns = new bool[columns];
        var queue = new Queue<(bool IsRow, int Index)>();
        seenRows[row] = true;
        queue.Enqueue((true, row));
        while (queue.Count > 0)
        {
            var (isRow, index) = queue.Dequeue();
            var count = isRow ? columns : rows;
            for (var other = 0; other < count; other++)
            {
                var (r, c) = isRow ? (index, other) : (other, index);
                if (!hidden[r, c] || (r == row && c == column))
                {
                    continue;
                }

                if (isRow && !seenColumns[c])
                {
                    if (c == column)
                    {
                        return true;
                    }

                    seenColumns[c] = true;
                    queue.Enqueue((false, c));
                }
                else if (!isRow && !seenRows[r])
                {
                    seenRows[r] = true;
                    queue.Enqueue((true, r));
                }
            }
        }

        return false;
    }

    private static void HideCheapestRectangle(long[,] grid, bool[,] hidden, int row, int column)
    {
        var best = (Row: -1, Column: -1, Cost: long.MaxValue, Added: int.MaxValue);
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                if (r == row || c == column)
                {
                    continue;
                }

                var cost = 0L;
                var added = 0;
                foreach (var (er, ec) in (ReadOnlySpan<(int, int)>)[(row, c), (r, column), (r, c)])
                {
                    if (!hidden[er, ec])
                    {
                        cost += grid[er, ec];
                        added++;
                    }
                }

                if (cost < best.Cost || (cost == best.Cost && added < best.Added))
                {
                    best = (r, c, cost, added);
                }
            }
        }

        hidden[row, best.Column] = true;
        hidden[best.Row, column] = true;
        hidden[best.Row, best.Column] = true;
    }

    private static SuppressedTable Shown(CountTable table, long[,] grid, bool[,] hidden)
    {
        var rows = table.Rows.Count;
        var columns = table.Columns.Count;
        ShownCount At(int r, int c) => hidden[r, c] ? ShownCount.Hidden : new ShownCount(grid[r, c]);
        var cells = new ShownCount[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = At(r, c);
            }
        }

        return new SuppressedTable(
            table.Rows,
            table.Columns,
            cells,
            Enumerable.Range(0, rows).Select(r => At(r, columns)).ToArray(),
            Enumerable.Range(0, columns).Select(c => At(rows, c)).ToArray(),
            At(rows, columns));
    }

    /// <summary>Every entry shown, for the Secretariat's own views.</summary>
    public static SuppressedTable Unsuppressed(CountTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var grid = Grid(table);
        return Shown(table, grid, new bool[grid.GetLength(0), grid.GetLength(1)]);
    }
}
