using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class SuppressionPropertyTests
{
    // Small counts are common so that sensitive cells, zeros and totals under k all come up.
    private static readonly Gen<(CountTable Table, int K)> Tables =
        from rows in Gen.Int[1, 6]
        from columns in Gen.Int[1, 7]
        from values in Gen.Frequency((3, Gen.Long[0, 15]), (1, Gen.Long[0, 400])).Array[rows * columns]
        from k in Gen.Int[DisclosureThreshold.Minimum, 15]
        select (Table(rows, columns, values), k);

    [Fact]
    public void Apply_AnyTable_ShowsNoCountFromOneToBelowK()
    {
        Tables.Sample((table, k) =>
        {
            var threshold = DisclosureThreshold.Of(k);
            var shown = Suppression.Apply(table, threshold);

            foreach (var entry in Entries(shown))
            {
                Assert.False(entry.Value is { } value && threshold.IsSensitive(value), $"{entry.Value} is shown with k = {k}");
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Apply_AnyTable_NoHiddenCountFollowsFromTheShownCountsAndTotals()
    {
        Tables.Sample((table, k) =>
        {
            var shown = Suppression.Apply(table, DisclosureThreshold.Of(k));

            var hidden = HiddenGrid(shown);
            for (var r = 0; r < hidden.GetLength(0); r++)
            {
                for (var c = 0; c < hidden.GetLength(1); c++)
                {
                    Assert.False(hidden[r, c] && LinearAlgebra.Determined(hidden, r, c), $"hidden entry ({r},{c}) can be worked out");
                }
            }
        }, iter: 2_000);
    }

    [Fact]
    public void Apply_AnyTable_ShownCountsAreTheTrueCounts()
    {
        Tables.Sample((table, k) =>
        {
            var shown = Suppression.Apply(table, DisclosureThreshold.Of(k));

            for (var r = 0; r < table.Rows.Count; r++)
            {
                Assert.True(shown.RowTotals[r].Value is null || shown.RowTotals[r].Value == table.RowTotal(r));
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    Assert.True(shown.Cells[r, c].Value is null || shown.Cells[r, c].Value == table[r, c]);
                }
            }

            Assert.True(shown.GrandTotal.Value is null || shown.GrandTotal.Value == table.GrandTotal);
        }, iter: 500);
    }

    internal static CountTable Table(int rows, int columns, long[] values)
    {
        var cells = new long[rows, columns];
        for (var i = 0; i < values.Length; i++)
        {
            cells[i / columns, i % columns] = values[i];
        }

        return new CountTable(
            Enumerable.Range(0, rows).Select(r => $"row {r}").ToArray(),
            Enumerable.Range(0, columns).Select(c => $"column {c}").ToArray(),
            cells);
    }

    private static IEnumerable<ShownCount> Entries(SuppressedTable table) =>
        table.Cells.Cast<ShownCount>().Concat(table.RowTotals).Concat(table.ColumnTotals).Append(table.GrandTotal);

    private static bool[,] HiddenGrid(SuppressedTable table)
    {
        var rows = table.Rows.Count;
        var columns = table.Columns.Count;
        var hidden = new bool[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                hidden[r, c] = table.Cells[r, c].Suppressed;
            }

            hidden[r, columns] = table.RowTotals[r].Suppressed;
        }

        for (var c = 0; c < columns; c++)
        {
            hidden[rows, c] = table.ColumnTotals[c].Suppressed;
        }

        hidden[rows, columns] = table.GrandTotal.Suppressed;
        return hidden;
    }
}
