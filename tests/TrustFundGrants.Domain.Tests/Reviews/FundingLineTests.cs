namespace TrustFundGrants.Domain.Tests;

public class FundingLineTests
{
    private static Money Usd(long minorUnits) => new(minorUnits, Currencies.Usd);

    private static RankingEntry Entry(string id, decimal mean, long requested) => new(id, mean, Usd(requested));

    [Fact]
    public void Draw_Entries_RanksByMeanThenIdWithCumulativeRequests()
    {
        RankingEntry[] entries = [Entry("app-d", 70m, 5), Entry("app-c", 80m, 20), Entry("app-a", 90m, 40), Entry("app-b", 80m, 50)];

        var ranking = FundingLine.Draw(entries, Usd(100));

        Assert.Equal(
            [
                new RankedApplication(1, "app-a", 90m, Usd(40), Usd(40), true),
                new RankedApplication(2, "app-b", 80m, Usd(50), Usd(90), true),
                new RankedApplication(3, "app-c", 80m, Usd(20), Usd(110), false),
                new RankedApplication(4, "app-d", 70m, Usd(5), Usd(115), false),
            ],
            ranking);
    }

    [Fact]
    public void Draw_SmallerRequestBelowTheLine_StaysBelowIt()
    {
        var ranking = FundingLine.Draw([Entry("a", 90m, 60), Entry("b", 80m, 50), Entry("c", 70m, 10)], Usd(100));

        Assert.Equal([true, false, false], ranking.Select(r => r.WithinEnvelope));
    }

    [Fact]
    public void Draw_CumulativeExactlyTheEnvelope_IsWithin()
    {
        var ranking = FundingLine.Draw([Entry("a", 90m, 60), Entry("b", 80m, 40)], Usd(100));

        Assert.All(ranking, r => Assert.True(r.WithinEnvelope));
    }

    [Fact]
    public void Draw_NoEntries_IsEmpty()
    {
        Assert.Empty(FundingLine.Draw([], Usd(100)));
    }

    [Fact]
    public void Draw_RequestInOtherCurrency_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => FundingLine.Draw([new RankingEntry("a", 90m, new Money(1, Currencies.Eur))], Usd(100)));
    }

    [Fact]
    public void Draw_NegativeEnvelope_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FundingLine.Draw([], Usd(-1)));
    }

    [Fact]
    public void Draw_NegativeRequest_Throws()
    {
        Assert.Throws<ArgumentException>(() => FundingLine.Draw([Entry("a", 90m, -1)], Usd(100)));
    }

    [Fact]
    public void Draw_ApplicationTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => FundingLine.Draw([Entry("a", 90m, 1), Entry("a", 80m, 1)], Usd(100)));
    }
}
