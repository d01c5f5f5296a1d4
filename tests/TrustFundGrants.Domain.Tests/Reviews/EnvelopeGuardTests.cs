using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class EnvelopeGuardTests
{
    private static Money Usd(long minorUnits) => new(minorUnits, Currencies.Usd);

    private static Money Eur(long minorUnits) => new(minorUnits, Currencies.Eur);

    [Fact]
    public void Check_ApprovalUsingExactlyTheRest_Fits()
    {
        Assert.Equal(new EnvelopeCheck(true, Usd(2_500_000)), EnvelopeGuard.Check(Usd(10_000_000), Usd(7_500_000), Usd(2_500_000)));
    }

    [Fact]
    public void Check_ApprovalOneCentOverTheRest_DoesNotFitAndNamesWhatIsLeft()
    {
        Assert.Equal(new EnvelopeCheck(false, Usd(2_500_000)), EnvelopeGuard.Check(Usd(10_000_000), Usd(7_500_000), Usd(2_500_001)));
    }

    [Fact]
    public void Check_NothingApprovedYet_RemainingIsTheEnvelope()
    {
        Assert.Equal(new EnvelopeCheck(true, Usd(100)), EnvelopeGuard.Check(Usd(100), Usd(0), Usd(0)));
    }

    [Fact]
    public void Check_ApprovalsAlreadyOverran_RemainingIsNegativeAndNothingFits()
    {
        Assert.Equal(new EnvelopeCheck(false, Usd(-5)), EnvelopeGuard.Check(Usd(100), Usd(105), Usd(0)));
    }

    [Fact]
    public void Check_NegativeAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeGuard.Check(Usd(100), Usd(0), Usd(-1)));
    }

    [Fact]
    public void Check_ApprovedInOtherCurrency_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => EnvelopeGuard.Check(Usd(100), Eur(0), Usd(1)));
    }

    [Fact]
    public void Check_AmountInOtherCurrency_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => EnvelopeGuard.Check(Usd(100), Usd(0), Eur(1)));
    }

    [Fact]
    public void Check_AnyAmounts_FitsExactlyWhenTheNewTotalStaysWithinTheEnvelope()
    {
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 1_200_000], Gen.Long[0, 1_000_000]).Sample((envelope, approved, amount) =>
        {
            var check = EnvelopeGuard.Check(Usd(envelope), Usd(approved), Usd(amount));

            Assert.Equal(approved + amount <= envelope, check.Fits);
            Assert.Equal(Usd(envelope), check.Remaining + Usd(approved));
        }, iter: 1_000);
    }
}
