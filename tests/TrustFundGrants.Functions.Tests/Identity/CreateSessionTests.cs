using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class CreateSessionTests
{
    private const string Token = "q1w2e3r4t5y6u7i8o9p0-_asdfghjklzxcvbnmQWERT";

    private readonly IdentityDoubles doubles = new();
    private readonly Mock<TableClient> links;

    public CreateSessionTests()
    {
        links = doubles.Table(SignInLinks.Table);
        var link = new TableEntity(SignInLinks.Hash(Token), "link")
        {
            ["Email"] = "ngo@example.org",
            ["ExpiresAt"] = IdentityDoubles.Now.AddMinutes(10),
            ETag = new ETag("W/\"l\""),
        };
        links.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(link.PartitionKey, "link", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(link, Mock.Of<Response>()));
    }

    private SignInLinks Links => new(doubles.Service.Object, doubles.Clock, doubles.Options);

    private CreateSession Function => new(Links, doubles.Users, doubles.Tokens, doubles.Revocations, doubles.Audit, doubles.Clock, doubles.Options);

    private static string Body => $$"""{"token":"{{Token}}"}""";

    [Fact]
    public async Task Run_DeactivatedPerson_Gets403WithoutASessionAndTheLinkIsSpent()
    {
        var user = IdentityDoubles.User("ngo@example.org");
        user.DeactivatedAt = IdentityDoubles.Now.AddDays(-1);
        doubles.HoldUser(user);
        doubles.AcceptUserUpdates();
        links.Setup(t => t.DeleteEntityAsync(SignInLinks.Hash(Token), "link", It.IsAny<ETag>(), It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());
        var request = IdentityDoubles.Request(Body);

        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(request, CancellationToken.None));

        Assert.Equal(403, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:account-deactivated", result.Root.GetProperty("type").GetString());
        Assert.Empty(request.HttpContext.Response.Headers.SetCookie.ToString());
        links.Verify(t => t.DeleteEntityAsync(SignInLinks.Hash(Token), "link", It.IsAny<ETag>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_EndingWrittenButUserWriteLost_CatchesUpSoTheNewSessionIsValid()
    {
        var user = IdentityDoubles.User("ngo@example.org");
        user.SessionGeneration = 4;
        doubles.HoldUser(user);
        doubles.EndedSessions();
        doubles.AcceptEndings();
        await doubles.Revocations.EndSessionsBelowAsync(user.UserId, 5, CancellationToken.None);
        var updated = doubles.AcceptUserUpdates();
        links.Setup(t => t.DeleteEntityAsync(SignInLinks.Hash(Token), "link", It.IsAny<ETag>(), It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());

        using var result = await ExecutedResult.ExecuteAsync(await Function.Run(IdentityDoubles.Request(Body), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(5, Assert.Single(updated).SessionGeneration);
        var session = await doubles.Access.RequireAsync(IdentityDoubles.Request(bearer: result.Root.GetProperty("token").GetString()));
        Assert.False(session.IsDenied);
    }

    [Fact]
    public async Task InspectSignInLink_ValidLink_SaysWhomItIsForWithoutSpendingIt()
    {
        using var result = await ExecutedResult.ExecuteAsync(await new InspectSignInLink(Links).Run(IdentityDoubles.Request(Body), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("ngo@example.org", result.Root.GetProperty("email").GetString());
        links.Verify(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task InspectSignInLink_ExpiredLink_Gets401()
    {
        doubles.Clock.Advance(TimeSpan.FromMinutes(11));

        using var result = await ExecutedResult.ExecuteAsync(await new InspectSignInLink(Links).Run(IdentityDoubles.Request(Body), CancellationToken.None));

        Assert.Equal(401, result.StatusCode);
    }
}
