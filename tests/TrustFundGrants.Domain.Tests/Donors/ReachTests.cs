namespace TrustFundGrants.Domain.Tests;

public class ReachTests
{
    private static readonly GrantFacts Grant = new(
        "g1", "round-1", ["MX", "GT"], ["forced-labour"], [new GrantFlow(FlowKind.Commitment, 100, 2025)], new Dictionary<string, long>(), new Dictionary<string, long>());

    [Fact]
    public void Of_UnearmarkedMoney_ReachesEveryGrant()
    {
        Assert.Equal([string.Empty], Reach.Of(Grant, [null]));
    }

    [Fact]
    public void Of_EarmarksMatchingCountryThemeOrRound_ReachThroughEach()
    {
        Earmark?[] earmarks = [new(Earmark.Country, "GT"), new(Earmark.Theme, "forced-labour"), new(Earmark.Round, "round-1"), new(Earmark.Country, "GT")];

        Assert.Equal(["country:GT", "theme:forced-labour", "round:round-1"], Reach.Of(Grant, earmarks));
    }

    [Fact]
    public void Of_EarmarksElsewhereOrToARegion_ReachNothing()
    {
        Earmark?[] earmarks = [new(Earmark.Country, "KH"), new(Earmark.Theme, "organ-removal"), new(Earmark.Round, "round-2"), new(Earmark.Region, "americas")];

        Assert.Empty(Reach.Of(Grant, earmarks));
    }
}
