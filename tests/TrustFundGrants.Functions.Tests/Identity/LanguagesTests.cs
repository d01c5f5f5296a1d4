using TrustFundGrants.Functions.Identity;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Problem_PortalLanguage_IsNone(string language) => Assert.Null(Languages.Problem(language));

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("fr-FR")]
    [InlineData("")]
    [InlineData(null)]
    public void Problem_OtherValue_NamesTheChoices(string? language) => Assert.Contains("en (English), fr (French) or es (Spanish)", Languages.Problem(language), StringComparison.Ordinal);

    [Theory]
    [InlineData("es", "es")]
    [InlineData(null, "en")]
    [InlineData("de", "en")]
    public void Or_UnknownOrMissing_IsEnglish(string? language, string expected) => Assert.Equal(expected, Languages.Or(language));
}
