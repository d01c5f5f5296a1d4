using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Platform.Auth;

public sealed class AccessTests
{
    private static readonly Caller Applicant = new("user-1", "ngo@example.org", "ngo@example.org", [Roles.Applicant], "org-1", null);

    private readonly IdentityDoubles doubles = new();

    public AccessTests() => doubles.EndedSessions();

    [Fact]
    public async Task RequireAsync_ValidSession_GrantsTheCaller()
    {
        var session = await doubles.Access.RequireAsync(IdentityDoubles.Request(bearer: doubles.Bearer(Applicant)), Roles.Applicant);

        Assert.False(session.IsDenied);
        Assert.Equal("user-1", session.Caller.UserId);
    }

    [Fact]
    public async Task RequireAsync_EndedSession_Gets401()
    {
        doubles.AcceptEndings();
        var token = doubles.Bearer(Applicant);
        var caller = await doubles.Tokens.ValidateAsync(token);
        await doubles.Revocations.EndSessionAsync(caller!, doubles.Audit.Stage(SessionRevocations.Partition, caller!, "user.signed-out", "user:1", null, null), CancellationToken.None);

        var session = await doubles.Access.RequireAsync(IdentityDoubles.Request(bearer: token));

        Assert.True(session.IsDenied);
        Assert.Equal(401, session.Denied.StatusCode);
    }

    [Theory]
    [InlineData("https://grants.example.org", false)]
    [InlineData("http://grants.example.org", true)]
    [InlineData("https://grants.example.org.evil.example", true)]
    [InlineData("null", true)]
    public async Task RequireAsync_CookieWithOriginOnly_AllowsOnlyTheSameSchemeAndHost(string origin, bool refused)
    {
        var request = IdentityDoubles.Request(cookie: doubles.Bearer(Applicant));
        request.Headers.Origin = origin;

        var session = await doubles.Access.RequireAsync(request);

        Assert.Equal(refused, session.IsDenied);
        if (refused)
        {
            Assert.Equal(403, session.Denied!.StatusCode);
        }
    }

    [Fact]
    public async Task RequireAsync_CookieFromTheConfiguredPortalOrigin_IsAllowed()
    {
        var request = IdentityDoubles.Request(cookie: doubles.Bearer(Applicant));
        request.Host = new Microsoft.AspNetCore.Http.HostString("func-abc.azurewebsites.net");
        request.Headers.Origin = "https://grants.example.org";

        Assert.False((await doubles.Access.RequireAsync(request)).IsDenied);
    }
}
