using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class SignInLinksTests
{
    private const string Token = "q1w2e3r4t5y6u7i8o9p0-_asdfghjklzxcvbnmQWERT";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<TableClient> table = new(MockBehavior.Strict);
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);

    public SignInLinksTests() => tables.Setup(t => t.GetTableClient(SignInLinks.Table)).Returns(table.Object);

    private SignInLinks Links => new(tables.Object, clock, Options.Create(new AuthOptions()));

    [Fact]
    public void Hash_IsTheHexSha256OfTheToken()
    {
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", SignInLinks.Hash("test"));
    }

    [Fact]
    public async Task CreateAsync_StoresOnlyTheHashWithAFifteenMinuteExpiry()
    {
        TableEntity? stored = null;
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Callback<TableEntity, CancellationToken>((e, _) => stored = e)
            .ReturnsAsync(Mock.Of<Response>());

        var token = await Links.CreateAsync("ngo@example.org", CancellationToken.None);

        Assert.Equal(43, token.Length);
        Assert.Equal(SignInLinks.Hash(token), stored!.PartitionKey);
        Assert.DoesNotContain(stored, p => p.Value is string s && s.Contains(token, StringComparison.Ordinal));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(15), stored.GetDateTimeOffset("ExpiresAt"));
    }

    [Fact]
    public async Task RedeemAsync_ValidToken_ReturnsTheAddressAndDeletesTheLinkWithItsETag()
    {
        var link = Link(Token, clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        table.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(link.PartitionKey, "link", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(link, Mock.Of<Response>()));
        table.Setup(t => t.DeleteEntityAsync(link.PartitionKey, "link", link.ETag, It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());

        Assert.Equal("ngo@example.org", await Links.RedeemAsync(Token, CancellationToken.None));
        table.Verify(t => t.DeleteEntityAsync(link.PartitionKey, "link", link.ETag, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(412)]
    public async Task RedeemAsync_ConcurrentUseDeletedItFirst_ReturnsNull(int status)
    {
        var link = Link(Token, clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        table.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(link.PartitionKey, "link", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(link, Mock.Of<Response>()));
        table.Setup(t => t.DeleteEntityAsync(link.PartitionKey, "link", link.ETag, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(status, "gone"));

        Assert.Null(await Links.RedeemAsync(Token, CancellationToken.None));
    }

    [Fact]
    public async Task RedeemAsync_ExpiredToken_ReturnsNullButStillSpendsIt()
    {
        var link = Link(Token, clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        table.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(link.PartitionKey, "link", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(link, Mock.Of<Response>()));
        table.Setup(t => t.DeleteEntityAsync(link.PartitionKey, "link", link.ETag, It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());

        Assert.Null(await Links.RedeemAsync(Token, CancellationToken.None));
        table.Verify(t => t.DeleteEntityAsync(link.PartitionKey, "link", link.ETag, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("")]
    [InlineData("q1w2e3r4t5y6u7i8o9p0-_asdfghjklzxcvbnmQWER=")]
    [InlineData("this-token-is-far-too-long-to-be-one-we-issued-because-ours-are-exactly-forty-three-characters-long")]
    public async Task RedeemAsync_MalformedToken_ReturnsNullWithoutTouchingStorage(string token) =>
        Assert.Null(await Links.RedeemAsync(token, CancellationToken.None));

    private static TableEntity Link(string token, DateTimeOffset expiresAt) =>
        new(SignInLinks.Hash(token), "link") { ["Email"] = "ngo@example.org", ["ExpiresAt"] = expiresAt, ETag = new ETag("W/\"1\"") };
}
