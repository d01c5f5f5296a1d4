using TrustFundGrants.Functions.Identity;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ngo@example.org")]
    [InlineData("first.last+grants@shelter.example.co.ke")]
    public void Problem_PlainAddress_IsNull(string email) => Assert.Null(EmailAddress.Problem(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    [InlineData("Name <ngo@example.org>")]
    [InlineData("a@b")]
    [InlineData("two@example.org,three@example.org")]
    [InlineData("line\nbreak@example.org")]
    public void Problem_NotAPlainAddress_SaysWhy(string? email) => Assert.NotNull(EmailAddress.Problem(email));

    [Fact]
    public void Problem_LongerThan254_SaysSo() =>
        Assert.Contains("254", EmailAddress.Problem(new string('a', 250) + "@example.org"), StringComparison.Ordinal);

    [Fact]
    public void Key_SameAddressDifferentCase_IsTheSameKey() =>
        Assert.Equal(EmailAddress.Key(EmailAddress.Normalize(" NGO@Example.org ")), EmailAddress.Key(EmailAddress.Normalize("ngo@example.org")));
}
