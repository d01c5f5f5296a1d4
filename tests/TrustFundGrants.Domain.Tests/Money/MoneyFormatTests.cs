using System.Globalization;

namespace TrustFundGrants.Domain.Tests;

public class MoneyFormatTests
{
    [Theory]
    [InlineData(2_500_000, "USD", "25000.00")]
    [InlineData(2_500_050, "USD", "25000.50")]
    [InlineData(0, "USD", "0.00")]
    [InlineData(1, "USD", "0.01")]
    [InlineData(-1, "USD", "-0.01")]
    [InlineData(-50, "USD", "-0.50")]
    [InlineData(-1_234, "EUR", "-12.34")]
    [InlineData(25_000, "JPY", "25000")]
    [InlineData(0, "JPY", "0")]
    [InlineData(-7, "JPY", "-7")]
    [InlineData(1_500, "BHD", "1.500")]
    [InlineData(5, "BHD", "0.005")]
    [InlineData(12_345, "CLF", "1.2345")]
    [InlineData(long.MaxValue, "USD", "92233720368547758.07")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08")]
    [InlineData(long.MinValue, "JPY", "-9223372036854775808")]
    public void FormatAmount_AnyAmount_HasExactlyTheCurrencyDecimals(long minorUnits, string code, string expected)
    {
        Assert.Equal(expected, new Money(minorUnits, CurrencyCode.Parse(code)).FormatAmount());
    }

    [Fact]
    public void ToString_Amount_AppendsCurrencyCode()
    {
        Assert.Equal("25000.00 USD", new Money(2_500_000, Currencies.Usd).ToString());
    }

    [Fact]
    public void FormatAmount_CommaDecimalCulture_StillUsesPoint()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1234567.89", new Money(123_456_789, Currencies.Usd).FormatAmount());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FormatAmount_DefaultMoney_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => default(Money).FormatAmount());
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("BHD")]
    [InlineData("CLF")]
    public void TryParse_FormattedAmount_RoundTrips(string code)
    {
        var currency = CurrencyCode.Parse(code);
        var failures = new List<string>();

        foreach (var minorUnits in SampleMinorUnits())
        {
            var money = new Money(minorUnits, currency);
            var text = money.FormatAmount();
            if (!Money.TryParse(text, currency, out var parsed, out var error, allowNegative: true) || parsed != money)
            {
                failures.Add($"{minorUnits} -> \"{text}\" -> {error ?? parsed.ToString()}");
            }
        }

        Assert.Empty(failures);
    }

    // Edges where digits carry or the sign matters, then a fixed-seed spread so that a failure reproduces.
    private static IEnumerable<long> SampleMinorUnits()
    {
        long[] edges = [0, 1, 5, 9, 10, 11, 99, 100, 101, 999, 1_000, 1_001, long.MaxValue, long.MaxValue - 1];
        foreach (var edge in edges)
        {
            yield return edge;
            yield return -edge;
        }

        yield return long.MinValue;
        for (var power = 1L; ; power *= 10)
        {
            yield return power - 1;
            yield return power + 1;
            yield return -power;
            if (power > long.MaxValue / 10)
            {
                break;
            }
        }

        var random = new Random(4217);
        for (var i = 0; i < 500; i++)
        {
            yield return random.NextInt64(long.MinValue, long.MaxValue);
            yield return random.NextInt64(-1_000_000, 1_000_000);
        }
    }
}
