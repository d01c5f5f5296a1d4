using System.Globalization;

namespace TrustFundGrants.Domain.Tests;

public class MoneyParseTests
{
    [Theory]
    [InlineData("25000", "USD", 2_500_000)]
    [InlineData("25000.5", "USD", 2_500_050)]
    [InlineData("25000.00", "USD", 2_500_000)]
    [InlineData("0", "USD", 0)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("007", "USD", 700)]
    [InlineData("25000", "JPY", 25_000)]
    [InlineData("1.5", "BHD", 1_500)]
    [InlineData("1.234", "BHD", 1_234)]
    [InlineData("0.0001", "CLF", 1)]
    public void TryParse_PlainAmount_ReadsMinorUnits(string amount, string code, long minorUnits)
    {
        var currency = CurrencyCode.Parse(code);

        Assert.True(Money.TryParse(amount, currency, out var money, out var error));
        Assert.Null(error);
        Assert.Equal(new Money(minorUnits, currency), money);
    }

    [Theory]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    [InlineData("-92233720368547758.08", "USD", long.MinValue)]
    [InlineData("9223372036854775807", "JPY", long.MaxValue)]
    [InlineData("-9223372036854775808", "JPY", long.MinValue)]
    public void TryParse_Int64Bound_Accepts(string amount, string code, long minorUnits)
    {
        Assert.True(Money.TryParse(amount, CurrencyCode.Parse(code), out var money, out _, allowNegative: true));
        Assert.Equal(minorUnits, money.MinorUnits);
    }

    [Theory]
    [InlineData("-12.34", -1_234)]
    [InlineData("-0.01", -1)]
    [InlineData("-0", 0)]
    public void TryParse_NegativeWhenAllowed_ReadsNegative(string amount, long minorUnits)
    {
        Assert.True(Money.TryParse(amount, Currencies.Usd, out var money, out _, allowNegative: true));
        Assert.Equal(minorUnits, money.MinorUnits);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.01")]
    [InlineData("-0")]
    public void TryParse_NegativeByDefault_RefusesAsNegative(string amount)
    {
        Assert.False(Money.TryParse(amount, Currencies.Usd, out var money, out var error));
        Assert.Equal("Amount must not be negative.", error);
        Assert.Equal(default, money);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_Missing_RefusesAsRequired(string? amount)
    {
        Assert.False(Money.TryParse(amount, Currencies.Usd, out _, out var error));
        Assert.Equal("Amount is required.", error);
    }

    [Theory]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("\t1")]
    [InlineData("1\n")]
    [InlineData("1 000")]
    [InlineData("1,000")]
    [InlineData("1,000.00")]
    [InlineData("1.000,00")]
    [InlineData("1,5")]
    [InlineData("1_000")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.5e2")]
    [InlineData("+1")]
    [InlineData("\u22121")]
    [InlineData("1-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData(".")]
    [InlineData("1..2")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("$5")]
    [InlineData("5 USD")]
    [InlineData("\u0661\u0662")]
    [InlineData("\uFF11")]
    public void TryParse_NotPlainDecimal_RefusesAsMalformed(string amount)
    {
        Assert.False(Money.TryParse(amount, Currencies.Usd, out var money, out var error));
        Assert.StartsWith("Amount must be digits", error, StringComparison.Ordinal);
        Assert.Equal(default, money);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("-+1")]
    [InlineData("- 1")]
    [InlineData("-.5")]
    public void TryParse_MalformedNegativeWhenAllowed_RefusesAsMalformed(string amount)
    {
        Assert.False(Money.TryParse(amount, Currencies.Usd, out _, out var error, allowNegative: true));
        Assert.StartsWith("Amount must be digits", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.234", "USD", "USD amounts have at most 2 decimals.")]
    [InlineData("0.001", "USD", "USD amounts have at most 2 decimals.")]
    [InlineData("1.000", "USD", "USD amounts have at most 2 decimals.")]
    [InlineData("25000.0", "JPY", "JPY amounts have no decimals.")]
    [InlineData("25000.00", "JPY", "JPY amounts have no decimals.")]
    [InlineData("1.2345", "BHD", "BHD amounts have at most 3 decimals.")]
    [InlineData("1.00001", "CLF", "CLF amounts have at most 4 decimals.")]
    public void TryParse_MoreDecimalsThanCurrency_RefusesRatherThanRounds(string amount, string code, string expected)
    {
        Assert.False(Money.TryParse(amount, CurrencyCode.Parse(code), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("92233720368547758.08", "USD")]
    [InlineData("92233720368547759", "USD")]
    [InlineData("9223372036854775808", "JPY")]
    [InlineData("18446744073709551616", "JPY")]
    [InlineData("99999999999999999999999999999999", "USD")]
    public void TryParse_AboveInt64_RefusesAsOutOfRange(string amount, string code)
    {
        Assert.False(Money.TryParse(amount, CurrencyCode.Parse(code), out _, out var error));
        Assert.StartsWith($"Amount is out of range: the highest {code} amount is", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-92233720368547758.09", "USD")]
    [InlineData("-9223372036854775809", "JPY")]
    public void TryParse_BelowInt64_RefusesAsOutOfRange(string amount, string code)
    {
        Assert.False(Money.TryParse(amount, CurrencyCode.Parse(code), out _, out var error, allowNegative: true));
        Assert.StartsWith($"Amount is out of range: the lowest {code} amount is", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OutOfRange_NamesTheBound()
    {
        Money.TryParse("92233720368547758.08", Currencies.Usd, out _, out var error);

        Assert.Equal("Amount is out of range: the highest USD amount is 92233720368547758.07.", error);
    }

    [Fact]
    public void TryParse_CommaDecimalCulture_StillUsesPoint()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.True(Money.TryParse("1.50", Currencies.Usd, out var money, out _));
            Assert.Equal(150, money.MinorUnits);
            Assert.False(Money.TryParse("1,50", Currencies.Usd, out _, out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryParse_DefaultCurrency_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Money.TryParse("1", default, out _, out _));
    }

    [Fact]
    public void Constructor_DefaultCurrency_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new Money(1, default));
    }
}
