using CsCheck;

namespace TrustFundGrants.Domain.Tests.Grants;

public sealed class TrancheScheduleTests
{
    private static readonly Money Grant = new(4_500_001, Currencies.Usd);

    [Fact]
    public void Split_FortyFortyTwenty_RemainderOnTheLastTranche()
    {
        var errors = new Dictionary<string, string[]>();

        var amounts = TrancheSchedule.Split(Grant, [new(40m, null), new(40m, null), new(20m, null)], errors);

        Assert.Empty(errors);
        Assert.Equal([1_800_000, 1_800_000, 900_001], amounts!.Select(a => a.MinorUnits));
    }

    [Fact]
    public void Split_PercentagesNotAddingUpToAHundred_ErrorOnTranches()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(TrancheSchedule.Split(Grant, [new(40m, null), new(40m, null)], errors));
        Assert.Contains("80", errors["tranches"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Split_AmountsNotAddingUpToTheGrant_ErrorOnTranches()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(TrancheSchedule.Split(Grant, [new(null, new Money(4_000_000, Currencies.Usd)), new(null, new Money(500_000, Currencies.Usd))], errors));
        Assert.Contains("45000.01 USD", errors["tranches"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Split_MixedPercentAndAmount_ErrorNamesTheTranche()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(TrancheSchedule.Split(Grant, [new(50m, null), new(null, new Money(2_250_001, Currencies.Usd))], errors));
        Assert.True(errors.ContainsKey("tranches[1]"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(33.333)]
    [InlineData(101)]
    public void Split_BadPercentage_ErrorNamesThePercent(double percent)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(TrancheSchedule.Split(Grant, [new((decimal)percent, null), new(100m, null)], errors));
        Assert.True(errors.ContainsKey("tranches[0].percent"));
    }

    [Fact]
    public void Split_AnyPercentages_AddUpToTheGrantExactlyAndNeverGoNegative()
    {
        var gen = from grant in Gen.Long[1, 10_000_000_000]
                  from cuts in Gen.Int[1, 9_999].Array[0, 11]
                  select (grant, cuts);
        gen.Sample((grant, cuts) =>
        {
            // Cut 100.00 % at distinct points into tranches with two decimals each.
            var points = cuts.Distinct().Order().Select(c => c / 100m).Prepend(0m).Append(100m).ToArray();
            var parts = points.Zip(points.Skip(1), (a, b) => new TranchePart(b - a, null)).ToArray();
            var errors = new Dictionary<string, string[]>();

            var amounts = TrancheSchedule.Split(new Money(grant, Currencies.Usd), parts, errors);

            Assert.Empty(errors);
            Assert.NotNull(amounts);
            Assert.Equal(grant, amounts.Sum(a => a.MinorUnits));
            Assert.All(amounts, a => Assert.True(a.MinorUnits >= 0));
            for (var i = 0; i < parts.Length - 1; i++)
            {
                Assert.True(Math.Abs(amounts[i].MinorUnits - (grant * parts[i].Percent!.Value / 100m)) < 1m);
            }
        }, iter: 2_000);
    }
}
