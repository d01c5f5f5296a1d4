using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>
/// Issue 9.7: a session ends on the server. Each test keeps a copy of a token, ends the session the
/// way a person or the Secretariat would, and shows the copy refused.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class SessionEndTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task SignOut_CopiedTokenAndCookie_AreRefusedAtOnce()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());

        using var signedOut = await Client.SendAsync(session.WithCookie(HttpMethod.Post, "/api/auth/sign-out"));
        using var bearer = await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));
        using var cookie = await Client.SendAsync(session.WithCookie(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
    }

    [Fact]
    public async Task SignOut_OneSession_LeavesThePersonsOtherSessionsWorking()
    {
        var email = NewAddress();
        var laptop = await SignIn.AsAsync(Client, email);
        var phone = await SignIn.AsAsync(Client, email);

        using var signedOut = await Client.SendAsync(laptop.Bearer(HttpMethod.Post, "/api/auth/sign-out"));
        using var stillIn = await Client.SendAsync(phone.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfThePerson_AndANewSignInWorks()
    {
        var email = NewAddress();
        var laptop = await SignIn.AsAsync(Client, email);
        var phone = await SignIn.AsAsync(Client, email);

        using var ended = await Client.SendAsync(phone.Bearer(HttpMethod.Post, "/api/auth/sign-out-everywhere"));
        using var laptopAfter = await Client.SendAsync(laptop.Bearer(HttpMethod.Get, "/api/me"));
        using var phoneAfter = await Client.SendAsync(phone.Bearer(HttpMethod.Get, "/api/me"));
        var again = await SignIn.AsAsync(Client, email);
        using var newSession = await Client.SendAsync(again.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, laptopAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newSession.StatusCode);
    }

    [Fact]
    public async Task RemoveRole_BySecretariat_EndsTheReviewersSessions_AndTheNextSessionLacksTheRole()
    {
        var secretariat = await runner.SecretariatAsync();
        var email = $"reviewer-{Guid.NewGuid():N}@example.org";
        using var invited = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email, role = "Reviewer" }));
        var reviewer = await SignIn.AsAsync(Client, email);
        using var before = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));

        using var removed = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/users/remove-role", new { email, role = "reviewer" }));
        using var oldToken = await Client.SendAsync(reviewer.Bearer(HttpMethod.Get, "/api/assignments"));
        var again = await SignIn.AsAsync(Client, email);
        using var newToken = await Client.SendAsync(again.Bearer(HttpMethod.Get, "/api/assignments"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(JsonDocument.Parse(await removed.Content.ReadAsStringAsync()).RootElement.GetProperty("roles").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, newToken.StatusCode);
    }

    [Fact]
    public async Task Deactivate_BySecretariat_EndsSessionsAndRefusesSignIn_UntilReactivated()
    {
        var secretariat = await runner.SecretariatAsync();
        var email = NewAddress();
        var session = await SignIn.AsAsync(Client, email);
        var heldLink = await SignIn.RequestLinkTokenAsync(Client, email);

        using var deactivated = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/users/deactivate", new { email }));
        using var oldToken = await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));
        using var withLink = await Client.PostAsJsonAsync("/api/auth/session", new { token = heldLink });
        using var reactivated = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/users/reactivate", new { email }));
        var again = await SignIn.AsAsync(Client, email);
        using var newToken = await Client.SendAsync(again.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withLink.StatusCode);
        Assert.False(withLink.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newToken.StatusCode);
    }

    [Fact]
    public async Task UserAccessChanges_ByANonSecretariat_Get403AndChangeNothing()
    {
        var email = NewAddress();
        var victim = await SignIn.AsAsync(Client, email);
        var other = await SignIn.AsAsync(Client, NewAddress());

        using var deactivate = await Client.SendAsync(other.Bearer(HttpMethod.Post, "/api/users/deactivate", new { email }));
        using var stillIn = await Client.SendAsync(victim.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Deactivate_OwnAccount_Gets409()
    {
        var secretariat = await runner.SecretariatAsync();

        using var response = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/users/deactivate", new { email = RunnerFixture.Secretariat }));
        using var stillIn = await Client.SendAsync(secretariat.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    /// <summary>Two instances of the app share storage: one ends a session, the other refuses it within the stated 60 s.</summary>
    [Fact]
    public async Task EndedSession_OnAnotherInstance_IsRefusedWithinSixtySeconds()
    {
        var tables = new TableServiceClient(runner.Azurite.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new AuthOptions());
        var audit = runner.App.Services.GetRequiredService<AuditLog>();
        var here = new SessionRevocations(tables, audit, clock, options, NullLogger<SessionRevocations>.Instance);
        var elsewhere = new SessionRevocations(tables, audit, clock, options, NullLogger<SessionRevocations>.Instance);
        var caller = new Caller(Guid.CreateVersion7().ToString(), NewAddress(), "x", [], null, null, Guid.CreateVersion7().ToString(), 0);
        Assert.False(await elsewhere.HasEndedAsync(caller, CancellationToken.None));

        await here.EndSessionAsync(caller, audit.Stage(SessionRevocations.Partition, caller, "user.signed-out", "user:" + caller.UserId, null, null), CancellationToken.None);
        var atOnceHere = await here.HasEndedAsync(caller, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1));
        var elsewhereAfterSixty = await elsewhere.HasEndedAsync(caller, CancellationToken.None);

        Assert.True(atOnceHere);
        Assert.True(elsewhereAfterSixty);
    }

    [Fact]
    public async Task EndedGeneration_OnAnotherInstance_IsRefusedWithinSixtySeconds()
    {
        var tables = new TableServiceClient(runner.Azurite.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new AuthOptions());
        var audit = runner.App.Services.GetRequiredService<AuditLog>();
        var here = new SessionRevocations(tables, audit, clock, options, NullLogger<SessionRevocations>.Instance);
        var elsewhere = new SessionRevocations(tables, audit, clock, options, NullLogger<SessionRevocations>.Instance);
        var userId = Guid.CreateVersion7().ToString();
        var older = new Caller(userId, NewAddress(), "x", [], null, null, Guid.CreateVersion7().ToString(), 3);
        var newer = older with { SessionId = Guid.CreateVersion7().ToString(), SessionGeneration = 4 };
        Assert.False(await elsewhere.HasEndedAsync(older, CancellationToken.None));

        await here.EndSessionsBelowAsync(userId, 4, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.True(await elsewhere.HasEndedAsync(older, CancellationToken.None));
        Assert.False(await elsewhere.HasEndedAsync(newer, CancellationToken.None));
        Assert.Equal(4, elsewhere.ValidGenerationFor(userId));
    }
}
