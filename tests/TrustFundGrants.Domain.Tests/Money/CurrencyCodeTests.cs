namespace TrustFundGrants.Domain.Tests;

public class CurrencyCodeTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("JPY")]
    [InlineData("GBP")]
    [InlineData("XOF")]
    public void TryParse_ListedCode_ReturnsKnownCurrency(string code)
    {
        Assert.True(CurrencyCode.TryParse(code, out var currency));
        Assert.True(currency.IsKnown);
        Assert.Equal(code, currency.Code);
        Assert.Equal(code, currency.ToString());
    }

    [Fact]
    public void Parse_Usd_HasCodelistName()
    {
        Assert.Equal("US Dollar", CurrencyCode.Parse("USD").Name);
    }

    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("GBP", 2)]
    [InlineData("BIF", 0)]
    [InlineData("CLP", 0)]
    [InlineData("DJF", 0)]
    [InlineData("GNF", 0)]
    [InlineData("ISK", 0)]
    [InlineData("JPY", 0)]
    [InlineData("KMF", 0)]
    [InlineData("KRW", 0)]
    [InlineData("PYG", 0)]
    [InlineData("RWF", 0)]
    [InlineData("UGX", 0)]
    [InlineData("UYI", 0)]
    [InlineData("VND", 0)]
    [InlineData("VUV", 0)]
    [InlineData("XAF", 0)]
    [InlineData("XOF", 0)]
    [InlineData("XPF", 0)]
    [InlineData("BHD", 3)]
    [InlineData("IQD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    public void MinorUnits_ListedCode_IsIso4217Exponent(string code, int exponent)
    {
        Assert.Equal(exponent, CurrencyCode.Parse(code).MinorUnits);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("uSD")]
    public void TryParse_NotUpperCase_ReturnsFalse(string code)
    {
        Assert.False(CurrencyCode.TryParse(code, out var currency));
        Assert.False(currency.IsKnown);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("UYW")]
    [InlineData("XXX")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData(" USD")]
    [InlineData("USD ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotInCodelist_ReturnsFalse(string? code)
    {
        Assert.False(CurrencyCode.TryParse(code, out var currency));
        Assert.Equal(default, currency);
    }

    [Theory]
    [InlineData("BYR")]
    [InlineData("EEK")]
    [InlineData("LTL")]
    [InlineData("LVL")]
    [InlineData("MRO")]
    [InlineData("STD")]
    [InlineData("USS")]
    [InlineData("VEF")]
    [InlineData("ZMK")]
    public void TryParse_WithdrawnInCodelist_ReturnsFalse(string code)
    {
        Assert.False(CurrencyCode.TryParse(code, out _));
    }

    [Theory]
    [InlineData("BYN")]
    [InlineData("MRU")]
    [InlineData("STN")]
    [InlineData("VES")]
    [InlineData("ZMW")]
    public void TryParse_SuccessorOfWithdrawnCode_ReturnsTrue(string code)
    {
        Assert.True(CurrencyCode.TryParse(code, out _));
    }

    [Theory]
    [InlineData("XDR")]
    [InlineData("XBT")]
    public void TryParse_NoIsoMinorUnit_ReturnsFalse(string code)
    {
        Assert.False(CurrencyCode.TryParse(code, out _));
    }

    [Fact]
    public void Parse_UnknownCode_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => CurrencyCode.Parse("ABC"));
    }

    [Fact]
    public void Default_NotParsed_IsUnknownWithoutMinorUnits()
    {
        var currency = default(CurrencyCode);

        Assert.False(currency.IsKnown);
        Assert.Equal(string.Empty, currency.Code);
        Assert.Throws<InvalidOperationException>(() => currency.MinorUnits);
    }

    [Fact]
    public void Equality_SameCode_IsEqual()
    {
        Assert.Equal(CurrencyCode.Parse("USD"), CurrencyCode.Parse("USD"));
        Assert.NotEqual(CurrencyCode.Parse("USD"), CurrencyCode.Parse("USN"));
    }
}
