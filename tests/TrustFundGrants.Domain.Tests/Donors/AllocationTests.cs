using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class AllocationTests
{
    [Fact]
    public void ProRata_AnyWeights_SharesAddUpAndEachIsWithinOneOfItsExactShare()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Long[0, 1_000_000].Array[1, 12]).Sample((amount, weights) =>
        {
            var keyed = weights.Select((w, i) => KeyValuePair.Create($"g{i:D2}", w)).ToArray();
            var shares = Allocation.ProRata(amount, keyed);
            var total = weights.Sum();

            if (total == 0)
            {
                Assert.All(shares.Values, s => Assert.Equal(0, s));
                return;
            }

            Assert.Equal(amount, shares.Values.Sum());
            foreach (var (key, weight) in keyed)
            {
                var exact = (decimal)amount * weight / total;
                Assert.InRange(shares[key] - exact, -0.999999m, 1m);
            }
        }, iter: 2_000);
    }

    [Fact]
    public void ProRata_ThreeEqualWeights_TheLeftoverCentGoesToTheFirstKey()
    {
        var shares = Allocation.ProRata(100, [KeyValuePair.Create("b", 1L), KeyValuePair.Create("a", 1L), KeyValuePair.Create("c", 1L)]);

        Assert.Equal(34, shares["a"]);
        Assert.Equal(33, shares["b"]);
        Assert.Equal(33, shares["c"]);
    }
}
