namespace TrustFundGrants.Domain.Tests;

public class MoneyArithmeticTests
{
    private static Money Usd(long minorUnits) => new(minorUnits, Currencies.Usd);

    private static Money Eur(long minorUnits) => new(minorUnits, Currencies.Eur);

    [Fact]
    public void Zero_AnyCurrency_IsZeroInThatCurrency()
    {
        var zero = Money.Zero(Currencies.Jpy);

        Assert.Equal(0, zero.MinorUnits);
        Assert.Equal(Currencies.Jpy, zero.Currency);
    }

    [Fact]
    public void Add_SameCurrency_AddsMinorUnits()
    {
        Assert.Equal(Usd(1_250), Usd(1_000) + Usd(250));
    }

    [Fact]
    public void Subtract_SameCurrency_MayGoBelowZero()
    {
        Assert.Equal(Usd(-250), Usd(1_000) - Usd(1_250));
    }

    [Fact]
    public void Add_DifferentCurrencies_ThrowsCurrencyMismatch()
    {
        var exception = Assert.Throws<CurrencyMismatchException>(() => Usd(1) + Eur(1));

        Assert.Equal(Currencies.Usd, exception.Left);
        Assert.Equal(Currencies.Eur, exception.Right);
    }

    [Fact]
    public void Subtract_DifferentCurrencies_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => Usd(1) - Eur(1));
    }

    [Fact]
    public void Add_AboveInt64_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => Usd(long.MaxValue) + Usd(1));
    }

    [Fact]
    public void Subtract_BelowInt64_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => Usd(long.MinValue) - Usd(1));
    }

    [Fact]
    public void Sum_SameCurrency_Totals()
    {
        Assert.Equal(Usd(600), Money.Sum([Usd(100), Usd(200), Usd(300)], Currencies.Usd));
    }

    [Fact]
    public void Sum_Empty_IsZeroInRequestedCurrency()
    {
        Assert.Equal(Money.Zero(Currencies.Eur), Money.Sum([], Currencies.Eur));
    }

    [Fact]
    public void Sum_MixedCurrencies_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => Money.Sum([Usd(100), Eur(100)], Currencies.Usd));
    }

    [Fact]
    public void Sum_OtherCurrencyThanRequested_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => Money.Sum([Eur(100)], Currencies.Usd));
    }

    [Fact]
    public void Sum_AboveInt64_ThrowsOverflow()
    {
        Assert.Throws<OverflowException>(() => Money.Sum([Usd(long.MaxValue), Usd(1)], Currencies.Usd));
    }

    [Fact]
    public void Comparison_SameCurrency_OrdersByAmount()
    {
        Assert.True(Usd(1) < Usd(2));
        Assert.True(Usd(2) > Usd(1));
        Assert.True(Usd(2) <= Usd(2));
        Assert.True(Usd(2) >= Usd(2));
        Assert.False(Usd(2) < Usd(2));
        Assert.True(Usd(-5) < Usd(0));
        Assert.Equal([Usd(-1), Usd(0), Usd(3)], new[] { Usd(3), Usd(-1), Usd(0) }.Order());
    }

    [Fact]
    public void Comparison_DifferentCurrencies_ThrowsCurrencyMismatch()
    {
        Assert.Throws<CurrencyMismatchException>(() => Usd(1) < Eur(2));
        Assert.Throws<CurrencyMismatchException>(() => Usd(1) > Eur(2));
        Assert.Throws<CurrencyMismatchException>(() => Usd(1) <= Eur(2));
        Assert.Throws<CurrencyMismatchException>(() => Usd(1) >= Eur(2));
        Assert.Throws<CurrencyMismatchException>(() => Usd(1).CompareTo(Eur(2)));
    }

    [Fact]
    public void Equals_SameMinorUnitsDifferentCurrency_IsNotEqual()
    {
        Assert.NotEqual(Usd(100), Eur(100));
    }
}
