namespace TrustFundGrants.Domain;

/// <summary>
/// A <see cref="CountTable"/> as it may leave the Secretariat: every cell and every total either shown
/// or hidden, such that no hidden count is below k by itself shown and none can be worked out from
/// the shown ones by adding and subtracting rows, columns and totals.
/// </summary>
public sealed record SuppressedTable(
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Columns,
    ShownCount[,] Cells,
    IReadOnlyList<ShownCount> RowTotals,
    IReadOnlyList<ShownCount> ColumnTotals,
    ShownCount GrandTotal);
