using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Identity;

/// <summary>Passwordless sign-in through the LocalRunner, link taken from the captured mail.</summary>
[Collection(RunnerCollection.Name)]
public sealed class SignInTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    private static string NewAddress() => $"ngo-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task SignIn_FromTheMailedLink_GivesASessionThatNamesTheUser()
    {
        var email = NewAddress();

        var session = await SignIn.AsAsync(Client, email);

        using var response = await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(email, me.RootElement.GetProperty("email").GetString());
        Assert.Empty(me.RootElement.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task Session_Cookie_IsHttpOnlyAndSameSiteStrict()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());
        var token = await SignIn.RequestLinkTokenAsync(Client, NewAddress());

        using var response = await Client.PostAsJsonAsync("/api/auth/session", new { token });

        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();
        var cookie = cookies.Single(c => c.StartsWith("tfg_session=", StringComparison.Ordinal));
        var hint = cookies.Single(c => c.StartsWith("tfg_signed_in=1;", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", hint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("tfg_session=", session.Cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_KnownAndUnknownAddresses_GetIdenticalAnswers()
    {
        var known = NewAddress();
        await SignIn.AsAsync(Client, known);

        using var forKnown = await Client.PostAsJsonAsync("/api/auth/sign-in", new { email = known });
        using var forUnknown = await Client.PostAsJsonAsync("/api/auth/sign-in", new { email = NewAddress() });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_LinkTokenUsedTwice_SecondUseGets401()
    {
        var token = await SignIn.RequestLinkTokenAsync(Client, NewAddress());
        using var first = await Client.PostAsJsonAsync("/api/auth/session", new { token });

        using var replay = await Client.PostAsJsonAsync("/api/auth/session", new { token });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task Session_ForgedLinkToken_Gets401(string token)
    {
        using var response = await Client.PostAsJsonAsync("/api/auth/session", new { token });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignInLink_AfterFifteenMinutes_NoLongerSignsIn()
    {
        var tables = new TableServiceClient(runner.Azurite.ConnectionString);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var links = new SignInLinks(tables, clock, runner.App.Services.GetRequiredService<IOptions<AuthOptions>>());
        var token = await links.CreateAsync(NewAddress(), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        Assert.Null(await links.RedeemAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Me_WithTamperedSessionToken_Gets401()
    {
        var session = await SignIn.AsAsync(Client, NewAddress());
        var parts = session.Token.Split('.');
        var payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement.GetRawText().Replace("\"roles\":\"\"", "\"roles\":\"Secretariat\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{ToBase64Url(payload)}.{parts[2]}";

        using var response = await Client.SendAsync(new Session(tampered, string.Empty).Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_WithoutSession_Gets401Problem()
    {
        using var response = await Client.GetAsync(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignIn_SixthRequestForOneAddressInTheWindow_GetsTheSame202ButNoSixthMail()
    {
        AWholeSignInWindowLater();
        var email = NewAddress();
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await Client.PostAsJsonAsync("/api/auth/sign-in", new { email });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Single(answers.Distinct());
        await runner.QueuesDrainedAsync();
        Assert.Equal(5, (await SignIn.MailsToAsync(Client, email)).Length);
    }

    /// <summary>Issue 9.6: five requests from anywhere used to lock a person out for 15 minutes, repeatably.</summary>
    [Fact]
    public async Task SignIn_HundredRequestsForAVictimFromFiftyRotatingClients_VictimStillSignsInWithinAMinute()
    {
        AWholeSignInWindowLater();
        var victim = NewAddress();
        var answers = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { email = victim }) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i % 50}");
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        var started = DateTimeOffset.UtcNow;
        using var ask = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { email = victim }) };
        ask.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var asked = await Client.SendAsync(ask);
        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, victim), m => m.Length >= 5, "the links sent before the limit");
        var newest = SignIn.TokenIn(mails[0].GetProperty("text").GetString()!);
        using var signedIn = await Client.PostAsJsonAsync("/api/auth/session", new { token = newest });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(answers[0], await asked.Content.ReadAsStringAsync());
        Assert.Single(answers.Distinct());
        Assert.Equal(5, mails.Length);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("""{"email":"not-an-address"}""", "email")]
    [InlineData("""{"email":"a@example.org","admin":true}""", "admin")]
    [InlineData("""{"email":42}""", "email")]
    [InlineData("""{}""", "email")]
    public async Task SignIn_BadInput_Gets400NamingTheField(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(new Uri("/api/auth/sign-in", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_BootstrapAddress_IsSecretariat()
    {
        var session = await SignIn.AsAsync(Client, RunnerFixture.Secretariat);

        using var me = JsonDocument.Parse(await (await Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"))).Content.ReadAsStringAsync());

        Assert.Contains("Secretariat", me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private static string Base64Url(string part) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));

    private static string ToBase64Url(string json) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The limits count the attempts in the window that ends now, and the other tests on this runner sign in from the
    // same client: step a whole window on the runner's clock, so theirs have left it when these tests count.
    private void AWholeSignInWindowLater()
    {
        var window = runner.App.Services.GetRequiredService<IOptions<AuthOptions>>().Value.SignInWindow;
        var now = runner.Clock.GetUtcNow();
        runner.Clock.StepPast(now + window);
    }
}
