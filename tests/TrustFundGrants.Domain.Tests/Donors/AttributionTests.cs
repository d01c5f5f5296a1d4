namespace TrustFundGrants.Domain.Tests;

public class AttributionTests
{
    private static readonly KeyValuePair<string, long>[] Commitments = [KeyValuePair.Create("KH", 30_000L), KeyValuePair.Create("NG", 10_000L)];

    [Fact]
    public void Unearmarked_FundReceivedLessThanCommitted_AllOfTheDonorsMoneyIsAttributedProRata()
    {
        var result = Attribution.Unearmarked(donorUnearmarked: 10_000, fundUnearmarked: 20_000, Commitments);

        Assert.Equal(7_500, result.ByKey["KH"]);
        Assert.Equal(2_500, result.ByKey["NG"]);
        Assert.Equal(0, result.NotYetCommitted);
    }

    [Fact]
    public void Unearmarked_FundReceivedMoreThanCommitted_OnlyTheDonorsShareOfTheCommitmentsIsAttributed()
    {
        var result = Attribution.Unearmarked(donorUnearmarked: 50_000, fundUnearmarked: 100_000, Commitments);

        Assert.Equal(20_000, result.ByKey.Values.Sum());
        Assert.Equal(30_000, result.NotYetCommitted);
    }

    [Fact]
    public void Unearmarked_NothingCommitted_NothingIsAttributed()
    {
        var result = Attribution.Unearmarked(5_000, 5_000, []);

        Assert.Empty(result.ByKey);
        Assert.Equal(5_000, result.NotYetCommitted);
    }
}
