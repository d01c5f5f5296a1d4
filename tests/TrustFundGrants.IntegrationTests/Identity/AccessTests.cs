using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>Who may call what: the anonymous list, CSRF on cookie sessions, and invitations by role.</summary>
[Collection(RunnerCollection.Name)]
public sealed class AccessTests(RunnerFixture runner)
{
    // The deliberate, short list of functions anyone may call without a session.
    // The fund's public page and its public exports are read without a session, with disclosure control applied
    // (DisclosureSweepTests holds them to it).
    private static readonly string[] Anonymous =
        ["GetHealth", "GetOpenApi", "RequestSignInLink", "InspectSignInLink", "CreateSession", "ListRounds", "GetRound", "GetFundDashboard", "ExportFund"];

    private HttpClient Client => runner.Client;

    [Fact]
    public async Task EveryFunction_NotOnTheAnonymousList_AnswersAnUnauthenticatedCallWith401()
    {
        var metadata = FunctionMetadata.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));
        var checkedCount = 0;
        foreach (var function in metadata.Where(f => f.Trigger.Type == "httpTrigger" && !Anonymous.Contains(f.Name)))
        {
            var route = "/api/" + System.Text.RegularExpressions.Regex.Replace(function.Trigger.Get("route")!, @"\{[^}]+\}", Guid.NewGuid().ToString());
            foreach (var method in function.Trigger.GetList("methods"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), route);
                if (method is "post" or "put")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{function.Name} ({method} {route}) answered {(int)response.StatusCode} without a session");
                checkedCount++;
            }
        }

        Assert.True(checkedCount >= 8, $"only {checkedCount} routes were checked");
    }

    [Fact]
    public async Task CookieSession_StateChangeWithoutCsrfHeaderOrOrigin_Gets403()
    {
        var session = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");

        using var response = await Client.SendAsync(session.WithCookie(HttpMethod.Post, "/api/auth/sign-out", csrfHeader: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("csrf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieSession_StateChangeWithCsrfHeader_IsAllowed()
    {
        var session = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");

        using var response = await Client.SendAsync(session.WithCookie(HttpMethod.Post, "/api/auth/sign-out"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tfg_session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CookieSession_ReadWithoutCsrfHeader_IsAllowed()
    {
        var session = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");

        using var response = await Client.SendAsync(session.WithCookie(HttpMethod.Get, "/api/me", csrfHeader: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invitation_BySecretariat_GrantsTheRoleAtTheInviteesSignIn()
    {
        var secretariat = await runner.SecretariatAsync();
        var reviewer = $"reviewer-{Guid.NewGuid():N}@example.org";

        using var invited = await Client.SendAsync(secretariat.Bearer(HttpMethod.Post, "/api/invitations", new { email = reviewer, role = "reviewer" }));
        var session = await SignIn.AsAsync(Client, reviewer);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        await Eventually.WaitFor(
            () => SignIn.MailsToAsync(Client, reviewer), mails => mails.Any(m => m.GetProperty("subject").GetString()!.Contains("Reviewer", StringComparison.Ordinal)), "the invitation");
        using var me = JsonDocument.Parse(await (await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"))).Content.ReadAsStringAsync());
        Assert.Equal(["Reviewer"], me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Invitation_ByANonSecretariat_Gets403AndGrantsNothing()
    {
        var applicant = await SignIn.AsAsync(Client, $"ngo-{Guid.NewGuid():N}@example.org");
        var target = $"someone-{Guid.NewGuid():N}@example.org";

        using var response = await Client.SendAsync(applicant.Bearer(HttpMethod.Post, "/api/invitations", new { email = target, role = "Secretariat" }));
        var session = await SignIn.AsAsync(Client, target);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var me = JsonDocument.Parse(await (await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"))).Content.ReadAsStringAsync());
        Assert.Empty(me.RootElement.GetProperty("roles").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"email":"x@example.org","role":"Applicant"}""", "role")]
    [InlineData("""{"email":"x@example.org","role":"Donor"}""", "donorId")]
    [InlineData("""{"email":"x@example.org","role":"Reviewer","donorId":"d-1"}""", "donorId")]
    [InlineData("""{"email":"nope","role":"Reviewer"}""", "email")]
    public async Task Invitation_BadInput_Gets400NamingTheField(string json, string field)
    {
        var secretariat = await runner.SecretariatAsync();
        using var request = secretariat.Bearer(HttpMethod.Post, "/api/invitations");
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
