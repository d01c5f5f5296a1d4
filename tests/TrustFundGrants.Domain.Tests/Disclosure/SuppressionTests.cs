namespace TrustFundGrants.Domain.Tests;

public class SuppressionTests
{
    [Fact]
    public void Apply_OneSmallCell_HidesARectangleSoItCannotBeSubtractedOut()
    {
        var table = SuppressionPropertyTests.Table(2, 2, [3, 40, 50, 60]);

        var shown = Suppression.Apply(table, DisclosureThreshold.Standard);

        // The cheapest cycle through the 3 is the four cells; the totals (43, 110, 53, 100, 153) stay shown.
        Assert.All(shown.Cells.Cast<ShownCount>(), c => Assert.True(c.Suppressed));
        Assert.DoesNotContain(shown.RowTotals.Concat(shown.ColumnTotals).Append(shown.GrandTotal), c => c.Suppressed);
    }

    [Fact]
    public void Apply_NoSmallCounts_ShowsEverything()
    {
        var table = SuppressionPropertyTests.Table(2, 3, [0, 11, 12, 40, 0, 99]);

        var shown = Suppression.Apply(table, DisclosureThreshold.Standard);

        Assert.DoesNotContain(shown.Cells.Cast<ShownCount>(), c => c.Suppressed);
        Assert.Equal(162, shown.GrandTotal.Value);
    }

    [Fact]
    public void Apply_GrandTotalBelowK_HidesTheTotalAndEveryNonZeroCell()
    {
        var table = SuppressionPropertyTests.Table(1, 3, [2, 0, 4]);

        var shown = Suppression.Apply(table, DisclosureThreshold.Standard);

        Assert.True(shown.GrandTotal.Suppressed);
        Assert.True(shown.Cells[0, 0].Suppressed);
        Assert.True(shown.Cells[0, 2].Suppressed);
    }

    [Fact]
    public void Apply_ThresholdFive_ShowsSix()
    {
        var table = SuppressionPropertyTests.Table(2, 2, [6, 30, 40, 50]);

        var shown = Suppression.Apply(table, DisclosureThreshold.Of(5));

        Assert.Equal(6, shown.Cells[0, 0].Value);
    }

    [Fact]
    public void Of_BelowFive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureThreshold.Of(4));
    }

    [Fact]
    public void Unsuppressed_SmallCells_ShowsThemForTheSecretariat()
    {
        var shown = Suppression.Unsuppressed(SuppressionPropertyTests.Table(1, 2, [1, 2]));

        Assert.Equal(1, shown.Cells[0, 0].Value);
        Assert.Equal(3, shown.GrandTotal.Value);
    }
}
