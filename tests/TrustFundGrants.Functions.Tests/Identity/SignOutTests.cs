using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Identity;

public sealed class SignOutTests
{
    private static readonly Caller Person = new("user-ngo", "ngo@example.org", "ngo@example.org", [], null, null);

    private readonly IdentityDoubles doubles = new();
    private readonly List<string> calls = [];

    public SignOutTests() => doubles.EndedSessions(calls);

    [Fact]
    public async Task Run_Session_EndsItOnTheServerAuditsAndClearsTheCookie()
    {
        var ended = doubles.AcceptEndings(calls);
        var token = doubles.Bearer(Person);
        var sessionId = (await doubles.Tokens.ValidateAsync(token))!.SessionId;
        var request = IdentityDoubles.Request(bearer: token);

        var result = await new SignOut(doubles.Access, doubles.Revocations, doubles.Audit).Run(request, CancellationToken.None);

        Assert.Equal(204, (result as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(sessionId, Assert.Single(ended).GetString("SessionId"));
        Assert.Contains("user.signed-out", Assert.Single(doubles.Staged).Message, StringComparison.Ordinal);
        Assert.Contains(SessionCookie.Name + "=;", request.HttpContext.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        Assert.True((await doubles.Access.RequireAsync(IdentityDoubles.Request(bearer: token))).IsDenied);
    }

    [Fact]
    public async Task Run_NoSession_Gets401AndWritesNothing()
    {
        using var result = await ExecutedResult.ExecuteAsync(
            await new SignOut(doubles.Access, doubles.Revocations, doubles.Audit).Run(IdentityDoubles.Request(), CancellationToken.None));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task SignOutEverywhere_MovesTheGenerationOnSoEveryEarlierSessionIsRefused()
    {
        var user = IdentityDoubles.User("ngo@example.org");
        user.SessionGeneration = 2;
        doubles.HoldUser(user);
        var ended = doubles.AcceptEndings(calls);
        var updated = doubles.AcceptUserUpdates(calls);
        var token = doubles.Bearer(user.ToCaller());

        var result = await new SignOutEverywhere(doubles.Access, doubles.Users, doubles.Audit).Run(IdentityDoubles.Request(bearer: token), CancellationToken.None);

        Assert.Equal(204, (result as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(3, Assert.Single(ended).GetInt64("Generation"));
        Assert.Equal(3, Assert.Single(updated).SessionGeneration);
        Assert.Equal(["read ended", "end sessions", "update user"], calls);
        Assert.True((await doubles.Access.RequireAsync(IdentityDoubles.Request(bearer: token))).IsDenied);
    }
}
