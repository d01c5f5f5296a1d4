namespace TrustFundGrants.Domain;

/// <summary>
/// A two-way table of counts of people (e.g. sex and age group by form of exploitation), shown with
/// every row total, column total and the grand total. Labels are for display only; cells are
/// addressed by position.
/// </summary>
public sealed record CountTable
{
    public CountTable(IReadOnlyList<string> rows, IReadOnlyList<string> columns, long[,] cells)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.GetLength(0) != rows.Count || cells.GetLength(1) != columns.Count)
        {
            throw new ArgumentException("The cells must have one row per row label and one column per column label.", nameof(cells));
        }

        foreach (var cell in cells)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cell, nameof(cells));
        }

        Rows = rows;
        Columns = columns;
        Cells = (long[,])cells.Clone();
    }

    public IReadOnlyList<string> Rows { get; }

    public IReadOnlyList<string> Columns { get; }

    public long this[int row, int column] => Cells[row, column];

    public long RowTotal(int row) => Enumerable.Range(0, Columns.Count).Sum(c => Cells[row, c]);

    public long ColumnTotal(int column) => Enumerable.Range(0, Rows.Count).Sum(r => Cells[r, column]);

    public long GrandTotal => Enumerable.Range(0, Rows.Count).Sum(RowTotal);

    private long[,] Cells { get; }
}
