using CsCheck;

namespace TrustFundGrants.Domain.Tests.Grants;

public sealed class GrantLedgerPropertyTests
{
    private static readonly Gen<LedgerMove[]> Moves =
        Gen.Select(Gen.Int[0, 3], Gen.Long[-2_000_000, 5_000_000])
            .Select(p => new LedgerMove(LedgerKind.All[p.Item1], p.Item2))
            .Array[0, 60];

    [Fact]
    public void Apply_AnySequence_KeptTotalsEqualTheLedgerRecomputedAndNothingPaidBeyondTheCommitment()
    {
        Moves.Sample(moves =>
        {
            var totals = GrantTotals.Zero;
            var ledger = new List<LedgerMove>();
            foreach (var move in moves)
            {
                var (after, refusal) = totals.Apply(move);
                if (after is null)
                {
                    Assert.NotNull(refusal);
                    continue;
                }

                totals = after;
                ledger.Add(move);
                Assert.True(totals.DisbursedMinor <= totals.CommittedMinor);
                Assert.True(totals.RefundedMinor <= totals.DisbursedMinor);
                Assert.True(totals.BalanceMinor >= 0);
            }

            Assert.Equal(GrantTotals.Recompute(ledger), totals);
        }, iter: 5_000);
    }

    [Fact]
    public void Apply_DisbursementBeyondCommitment_Refused()
    {
        var committed = GrantTotals.Zero.Apply(new(LedgerKind.Commitment, 100)).Totals!;
        var paid = committed.Apply(new(LedgerKind.Disbursement, 60)).Totals!;

        var (after, refusal) = paid.Apply(new(LedgerKind.Disbursement, 41));

        Assert.Null(after);
        Assert.Contains("beyond", refusal, StringComparison.Ordinal);
        Assert.Equal(40, paid.BalanceMinor);
    }

    [Fact]
    public void Apply_SecondCommitment_Refused() =>
        Assert.NotNull(GrantTotals.Zero.Apply(new(LedgerKind.Commitment, 100)).Totals!.Apply(new(LedgerKind.Commitment, 5)).Refusal);

    [Fact]
    public void Apply_AdjustmentBelowWhatWasPaid_Refused()
    {
        var paid = new GrantTotals(100, 80, 0);

        Assert.NotNull(paid.Apply(new(LedgerKind.Adjustment, -21)).Refusal);
        Assert.Equal(new GrantTotals(80, 80, 0), paid.Apply(new(LedgerKind.Adjustment, -20)).Totals);
    }

    [Theory]
    [InlineData(100, 80, 0, 50, 0, 20, 30)]
    [InlineData(100, 80, 0, 90, 10, 10, 0)]
    [InlineData(100, 80, 0, 150, 20, 0, 0)]
    [InlineData(100, 100, 0, 100, 0, 0, 0)]
    [InlineData(100, 100, 0, 70, 0, 0, 30)]
    public void CloseOut_ForSpending_PaysReleasesOrAsksBack(long committed, long disbursed, long refunded, long spent, long payNow, long release, long refundOwed)
    {
        var plan = CloseOutPlan.For(new GrantTotals(committed, disbursed, refunded), spent);

        Assert.Equal(new CloseOutPlan(payNow, release, refundOwed), plan);
    }
}
