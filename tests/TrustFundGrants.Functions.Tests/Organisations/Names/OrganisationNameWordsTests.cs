using TrustFundGrants.Functions.Organisations.Names;

namespace TrustFundGrants.Functions.Tests.Organisations.Names;

public sealed class OrganisationNameWordsTests
{
    [Theory]
    [InlineData("Fundación Casa-Refugio", new[] { "fundacion", "casa", "refugio" })]
    [InlineData("  SAFE   Harbour (Kenya) ", new[] { "safe", "harbour", "kenya" })]
    [InlineData("Œuvre d'Asile 2025", new[] { "œuvre", "d", "asile", "2025" })]
    [InlineData("Ñandú/Ärzte#Hilfe?", new[] { "nandu", "arzte", "hilfe" })]
    [InlineData("مؤسسة الأمل", new[] { "موسسة", "الامل" })]
    [InlineData("!!!", new string[0])]
    public void Of_Name_LowerCaseWordsWithoutAccentsOrPunctuation(string name, string[] expected)
    {
        Assert.Equal(expected, OrganisationNameWords.Of(name));
    }

    [Fact]
    public void Of_Null_NoWords()
    {
        Assert.Empty(OrganisationNameWords.Of(null));
    }

    [Theory]
    [InlineData("hope", "hopf")]
    [InlineData("a", "b")]
    [InlineData("z9", "z:")]
    public void After_Prefix_LastCharacterOneHigher(string prefix, string expected)
    {
        Assert.Equal(expected, OrganisationNameWords.After(prefix));
        Assert.True(string.CompareOrdinal(prefix + "zzzz", expected) < 0, "every key with the prefix sorts before it");
    }

    [Fact]
    public void Partition_SurrogatePair_KeepsBothHalves()
    {
        Assert.Equal("𝔸", OrganisationNameWords.Partition("𝔸bc"));
        Assert.Equal("h", OrganisationNameWords.Partition("hope"));
    }

    [Theory]
    [InlineData("casa refugio oaxaca", "ref", true)]
    [InlineData("casa refugio oaxaca", "oax casa", true)]
    [InlineData("casa refugio oaxaca", "fugio", false)]
    [InlineData("casa refugio oaxaca", "casa lima", false)]
    public void Matches_EveryQueryWordBeginsANameWord(string name, string query, bool expected)
    {
        Assert.Equal(expected, OrganisationNameWords.Matches(OrganisationNameWords.Of(name), OrganisationNameWords.Of(query)));
    }
}
