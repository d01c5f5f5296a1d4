using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class YearlySuppressionPropertyTests
{
    private static readonly Gen<(Dictionary<int, CountTable> Years, int Rows, int Columns, int K)> Cubes =
        from years in Gen.Int[1, 4]
        from rows in Gen.Int[1, 4]
        from columns in Gen.Int[1, 5]
        from values in Gen.Frequency((3, Gen.Long[0, 15]), (1, Gen.Long[0, 300])).Array[years * rows * columns]
        from k in Gen.Int[DisclosureThreshold.Minimum, 15]
        select (Enumerable.Range(0, years).ToDictionary(
            y => 2020 + y,
            y => SuppressionPropertyTests.Table(rows, columns, values.Skip(y * rows * columns).Take(rows * columns).ToArray())), rows, columns, k);

    [Fact]
    public void Apply_AnyYears_NoTableShowsACountFromOneToBelowKAndShownCountsAreTrue()
    {
        Cubes.Sample((years, rows, columns, k) =>
        {
            var threshold = DisclosureThreshold.Of(k);
            var (all, byYear) = Apply(years, threshold);
            var cube = YearlySuppression.Cube(years.OrderBy(y => y.Key).Select(y => y.Value).ToArray(), rows, columns);

            foreach (var (table, index) in byYear.OrderBy(y => y.Key).Select((y, i) => (y.Value, i)).Append((all, years.Count)))
            {
                foreach (var (r, c, shown) in Entries(table))
                {
                    Assert.False(shown.Value is { } value && threshold.IsSensitive(value), $"{shown.Value} is shown with k = {k}");
                    Assert.True(shown.Value is null || shown.Value == cube[index, r, c], "a shown count is not the true count");
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Apply_AnyYears_NoHiddenCountFollowsFromAnyYearTheAllYearsTableOrAcrossTheYears()
    {
        Cubes.Sample((years, rows, columns, k) =>
        {
            var (all, byYear) = Apply(years, DisclosureThreshold.Of(k));
            var tables = byYear.OrderBy(y => y.Key).Select(y => y.Value).Append(all).ToArray();
            var hidden = new bool[tables.Length, rows + 1, columns + 1];
            for (var y = 0; y < tables.Length; y++)
            {
                foreach (var (r, c, shown) in Entries(tables[y]))
                {
                    hidden[y, r, c] = shown.Suppressed;
                }
            }

            var cube = new long[tables.Length, rows + 1, columns + 1];
            foreach (var (_, mask) in YearlySuppression.Slices(cube, hidden))
            {
                for (var r = 0; r < mask.GetLength(0); r++)
                {
                    for (var c = 0; c < mask.GetLength(1); c++)
                    {
                        Assert.False(mask[r, c] && LinearAlgebra.Determined(mask, r, c), "a hidden count can be worked out in one slice");
                    }
                }
            }
        }, iter: 500);
    }

    [Fact]
    public void Apply_OneSmallCountInOneYear_IsHiddenInThatYearAndCannotBeSubtractedFromTheWhole()
    {
        var rows = new[] { "female", "male" };
        var columns = new[] { "labour", "sexual" };
        var years = new Dictionary<int, CountTable>
        {
            [2024] = new(rows, columns, new long[,] { { 40, 30 }, { 25, 20 } }),
            [2025] = new(rows, columns, new long[,] { { 3, 30 }, { 25, 20 } }),
        };

        var (all, byYear) = YearlySuppression.Apply(years, rows, columns, DisclosureThreshold.Of(11));

        Assert.Null(byYear[2025].Cells[0, 0].Value);
        Assert.False(all.Cells[0, 0].Value is not null && byYear[2024].Cells[0, 0].Value is not null, "2025's 3 would be the whole minus 2024");
    }

    private static (SuppressedTable All, IReadOnlyDictionary<int, SuppressedTable> ByYear) Apply(Dictionary<int, CountTable> years, DisclosureThreshold threshold) =>
        YearlySuppression.Apply(years, years.First().Value.Rows, years.First().Value.Columns, threshold);

    private static IEnumerable<(int Row, int Column, ShownCount Shown)> Entries(SuppressedTable table)
    {
        var rows = table.Rows.Count;
        var columns = table.Columns.Count;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                yield return (r, c, table.Cells[r, c]);
            }

            yield return (r, columns, table.RowTotals[r]);
        }

        for (var c = 0; c < columns; c++)
        {
            yield return (rows, c, table.ColumnTotals[c]);
        }

        yield return (rows, columns, table.GrandTotal);
    }
}
