using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class ExchangeRateTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.000")]
    public void TryParse_Zero_IsRefused(string text)
    {
        Assert.False(ExchangeRate.TryParse(text, Currencies.Eur, Currencies.Usd, out _, out var error));
        Assert.Contains("above zero", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1.2")]
    [InlineData("1,2")]
    [InlineData("1e3")]
    [InlineData(" 1.2")]
    [InlineData("1.")]
    [InlineData("")]
    [InlineData("1.12345678901")]
    public void TryParse_NotAPositiveDecimal_IsRefused(string text)
    {
        Assert.False(ExchangeRate.TryParse(text, Currencies.Eur, Currencies.Usd, out _, out _));
    }

    [Fact]
    public void Convert_EurToUsd_RoundsHalfAwayFromZeroToTheCent()
    {
        Assert.True(ExchangeRate.TryParse("1.0835", Currencies.Eur, Currencies.Usd, out var rate, out _));

        // 10.00 EUR × 1.0835 = 10.835 USD → 10.84; 1000.00 × 1.0835 = 1083.50 exactly.
        Assert.Equal(new Money(1084, Currencies.Usd), rate.Convert(new Money(1000, Currencies.Eur)));
        Assert.Equal(new Money(108_350, Currencies.Usd), rate.Convert(new Money(100_000, Currencies.Eur)));
        Assert.Equal("1.0835", rate.Text);
    }

    [Fact]
    public void Convert_JpyToUsd_UsesEachCurrencysExponent()
    {
        Assert.True(ExchangeRate.TryParse("0.0067", Currencies.Jpy, Currencies.Usd, out var rate, out _));

        // 1,000,000 JPY × 0.0067 = 6,700.00 USD.
        Assert.Equal(new Money(670_000, Currencies.Usd), rate.Convert(new Money(1_000_000, Currencies.Jpy)));
    }

    [Fact]
    public void Convert_OtherCurrency_Throws()
    {
        Assert.True(ExchangeRate.TryParse("1.1", Currencies.Eur, Currencies.Usd, out var rate, out _));
        Assert.Throws<CurrencyMismatchException>(() => rate.Convert(new Money(1, Currencies.Jpy)));
    }

    [Fact]
    public void Convert_AnyAmountAndRate_IsWithinHalfAMinorUnitOfTheExactProduct()
    {
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Int[1, 9_999_999], Gen.Int[0, 8]).Sample((cents, digits, decimals) =>
        {
            var text = Text(digits, decimals);
            Assert.True(ExchangeRate.TryParse(text, Currencies.Eur, Currencies.Usd, out var rate, out _));

            var converted = rate.Convert(new Money(cents, Currencies.Eur)).MinorUnits;

            var exact = cents * (decimal)digits / Pow10(decimals);
            Assert.True(Math.Abs(converted - exact) <= 0.5m, $"{cents} × {text} gave {converted}, exact {exact}");
        }, iter: 2_000);
    }

    private static decimal Pow10(int n) => Enumerable.Repeat(10m, n).Aggregate(1m, (a, b) => a * b);

    private static string Text(int digits, int decimals)
    {
        var s = digits.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? s : s[..^decimals] + "." + s[^decimals..];
    }
}
