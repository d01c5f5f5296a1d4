using CsCheck;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Domain.Tests.Reviews;

public sealed class RoundLedgerRuleTests
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private static Money M(long minor) => new(minor, Usd);

    [Fact]
    public void Apply_NewApprovalWithinEnvelope_AddsIt() =>
        Assert.Equal(new LedgerChange(true, M(700), M(500), true), RoundLedgerRule.Apply(M(1000), M(500), M(0), M(200)));

    [Fact]
    public void Apply_ApprovalPastEnvelope_RefusedNamingWhatRemains() =>
        Assert.Equal(new LedgerChange(false, M(1100), M(400), true), RoundLedgerRule.Apply(M(1000), M(600), M(0), M(500)));

    [Fact]
    public void Apply_ChangedAmount_CountsOnlyTheDifference() =>
        Assert.Equal(new LedgerChange(true, M(1000), M(300), true), RoundLedgerRule.Apply(M(1000), M(900), M(200), M(300)));

    [Fact]
    public void Apply_RejectionOfAnApproval_TakesItOut() =>
        Assert.Equal(new LedgerChange(true, M(700), M(300), true), RoundLedgerRule.Apply(M(1000), M(900), M(200), M(0)));

    [Fact]
    public void Apply_RejectionOfWhatWasNotApproved_LeavesTheTotalUnchanged() =>
        Assert.False(RoundLedgerRule.Apply(M(1000), M(900), M(0), M(0)).Changed);

    [Fact]
    public void Apply_LoweringInAnOverrunRound_StillFits() =>
        Assert.True(RoundLedgerRule.Apply(M(1000), M(1200), M(500), M(300)).Fits);

    [Fact]
    public void Apply_AnySequence_TotalIsTheSumOfApprovalsAndNeverPassesTheEnvelope() =>
        Gen.Select(Gen.Long[1, 100_000], Gen.Select(Gen.Int[0, 7], Gen.Long[0, 40_000]).Array[1, 60]).Sample((envelope, steps) =>
        {
            var approvals = new long[8];
            var total = M(0);
            foreach (var (application, amount) in steps)
            {
                var change = RoundLedgerRule.Apply(M(envelope), total, M(approvals[application]), M(amount));
                if (change.Fits)
                {
                    total = change.Total;
                    approvals[application] = amount;
                }

                Assert.Equal(approvals.Sum(), total.MinorUnits);
                Assert.True(total.MinorUnits <= envelope);
            }
        });
}
