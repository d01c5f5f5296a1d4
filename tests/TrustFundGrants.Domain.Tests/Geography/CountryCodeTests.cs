namespace TrustFundGrants.Domain.Tests;

public class CountryCodeTests
{
    [Theory]
    [InlineData("KE")]
    [InlineData("NG")]
    [InlineData("PH")]
    [InlineData("TH")]
    [InlineData("GB")]
    [InlineData("MX")]
    public void TryParse_ListedCode_ReturnsKnownCountry(string code)
    {
        Assert.True(CountryCode.TryParse(code, out var country));
        Assert.True(country.IsKnown);
        Assert.Equal(code, country.Code);
        Assert.Equal(code, country.ToString());
    }

    [Theory]
    [InlineData("KE", "Kenya")]
    [InlineData("NG", "Nigeria")]
    [InlineData("PH", "Philippines (the)")]
    [InlineData("TH", "Thailand")]
    [InlineData("GB", "United Kingdom of Great Britain and Northern Ireland (the)")]
    [InlineData("MX", "Mexico")]
    [InlineData("CI", "C\u00f4te d'Ivoire")]
    [InlineData("AX", "\u00c5land Islands")]
    [InlineData("TR", "T\u00fcrkiye")]
    [InlineData("PS", "Palestine, State of")]
    [InlineData("TZ", "Tanzania, the United Republic of")]
    [InlineData("BQ", "Bonaire, Sint Eustatius and Saba")]
    [InlineData("CD", "Congo (the Democratic Republic of the)")]
    [InlineData("KP", "Korea (the Democratic People's Republic of)")]
    [InlineData("FK", "Falkland Islands (the) [Malvinas]")]
    public void Parse_ListedCode_HasCodelistName(string code, string name)
    {
        Assert.Equal(name, CountryCode.Parse(code).Name);
    }

    [Fact]
    public void Parse_Kosovo_IatiUserAssignedCodeIsKnown()
    {
        Assert.Equal("Kosovo", CountryCode.Parse("XK").Name);
    }

    [Theory]
    [InlineData("ke")]
    [InlineData("Ke")]
    [InlineData("kE")]
    [InlineData("gb")]
    public void TryParse_NotUpperCase_ReturnsFalse(string code)
    {
        Assert.False(CountryCode.TryParse(code, out var country));
        Assert.False(country.IsKnown);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("K")]
    [InlineData("KEN")]
    [InlineData("GBR")]
    [InlineData("404")]
    [InlineData(" KE")]
    [InlineData("KE ")]
    [InlineData("K E")]
    [InlineData("KE\n")]
    [InlineData("\uFF2B\uFF25")]
    [InlineData(" ")]
    [InlineData("  ")]
    [InlineData("\t")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotInCodelist_ReturnsFalse(string? code)
    {
        Assert.False(CountryCode.TryParse(code, out var country));
        Assert.Equal(default, country);
    }

    [Fact]
    public void TryParse_WithdrawnInCodelist_ReturnsFalse()
    {
        Assert.False(CountryCode.TryParse("AN", out _));
    }

    [Theory]
    [InlineData("BQ")]
    [InlineData("CW")]
    [InlineData("SX")]
    public void TryParse_SuccessorOfWithdrawnCode_ReturnsTrue(string code)
    {
        Assert.True(CountryCode.TryParse(code, out _));
    }

    [Fact]
    public void Parse_UnknownCode_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => CountryCode.Parse("XX"));
        Assert.Throws<FormatException>(() => CountryCode.Parse("ke"));
        Assert.Throws<FormatException>(() => CountryCode.Parse("AN"));
    }

    [Fact]
    public void Default_NotParsed_IsUnknown()
    {
        var country = default(CountryCode);

        Assert.False(country.IsKnown);
        Assert.Equal(string.Empty, country.Code);
        Assert.Equal(string.Empty, country.Name);
        Assert.Equal(string.Empty, country.ToString());
    }

    [Fact]
    public void Equality_SameCode_IsEqual()
    {
        Assert.Equal(CountryCode.Parse("KE"), CountryCode.Parse("KE"));
        Assert.NotEqual(CountryCode.Parse("NE"), CountryCode.Parse("NG"));
    }

    [Fact]
    public void All_EveryActiveCodeOnce()
    {
        var codes = CountryCode.All.Select(country => country.Code).ToList();

        Assert.Equal(250, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Count, CountryCode.All.Select(country => country.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(CountryCode.All, country => Assert.Equal(country, CountryCode.Parse(country.Code)));
        Assert.DoesNotContain("AN", codes);
        Assert.Contains("XK", codes);
    }

    [Fact]
    public void All_SortedByName()
    {
        var names = CountryCode.All.Select(country => country.Name).ToList();

        Assert.Equal(names.Order(StringComparer.InvariantCulture), names);
    }

    [Fact]
    public void All_AccentedNames_SortAmongTheirLetters()
    {
        var codes = CountryCode.All.Select(country => country.Code).ToList();

        Assert.Equal(["AF", "AX", "AL"], codes.Take(3));
        Assert.Equal("ZW", codes[^1]);
        Assert.Equal(codes.IndexOf("CR") + 1, codes.IndexOf("CI"));
        Assert.Equal(codes.IndexOf("CI") + 1, codes.IndexOf("HR"));
        Assert.Equal(codes.IndexOf("RE") + 1, codes.IndexOf("RO"));
    }

    [Fact]
    public void All_IsReadOnly()
    {
        var all = Assert.IsAssignableFrom<IList<CountryCode>>(CountryCode.All);

        Assert.True(all.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => all[0] = CountryCode.Parse("KE"));
    }
}
