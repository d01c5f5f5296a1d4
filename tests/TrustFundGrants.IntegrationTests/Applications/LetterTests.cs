using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>
/// Issue 13.5 and 13.3 end to end: letters in the recipient's stored language (dates in its words, on the round's
/// clock), a sign-in link in the page's language, and a "not eligible" letter that never says "reply" from the
/// no-reply sender: with the fund's reply-to it carries Reply-To; without, it says replies are not read.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class LetterTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Ineligible_SpanishApplicantInAFundWithReplyTo_GetsSpanishLettersWithReplyTo()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        using var fund = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/funds/{setup.FundId}"));
        using var stale = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/funds/{setup.FundId}/reply-to", new { replyTo = "x@fund.example" }), "W/\"stale\""));
        using var invalid = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/funds/{setup.FundId}/reply-to", new { replyTo = "not an address" }), fund.Headers.ETag!.ToString()));
        using var set = await Client.SendAsync(WithIfMatch(setup.Secretariat.Bearer(HttpMethod.Put, $"/api/funds/{setup.FundId}/reply-to", new { replyTo = "Grants@Fund.Example" }), fund.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.True((await ApplicationSetup.Json(invalid)).GetProperty("errors").TryGetProperty("replyTo", out _));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("grants@fund.example", (await ApplicationSetup.Json(set)).GetProperty("replyTo").GetString());

        var (ngo, email) = await ApplicantAsync(setup, "es");
        var reference = await SubmitIneligibleAsync(setup, ngo);

        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, email), m => m.Any(x => Subject(x).StartsWith("No admisible", StringComparison.Ordinal)), "the screening letter");
        var received = mails.Single(m => Subject(m) == $"Solicitud recibida: {reference}");
        var ineligible = mails.Single(m => Subject(m) == $"No admisible: {reference}");
        var text = ineligible.GetProperty("text").GetString()!;
        Assert.Contains("grants@fund.example", text, StringComparison.Ordinal);
        Assert.Equal("grants@fund.example", ineligible.GetProperty("request").GetProperty("reply_to").GetProperty("email").GetString());
        // Spanish words for the date, on the round's clock (America/Mexico_City), named.
        Assert.Matches(@"\d{1,2} de [a-z]+ de \d{4}, \d{2}:\d{2} \(America/Mexico_City\)", received.GetProperty("text").GetString()!);
    }

    [Fact]
    public async Task Ineligible_FundWithoutReplyTo_SaysRepliesAreNotReadAndWhereToLook()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var (ngo, email) = await ApplicantAsync(setup, "en");
        var reference = await SubmitIneligibleAsync(setup, ngo);

        var mails = await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, email), m => m.Any(x => Subject(x) == $"Not eligible: {reference}"), "the screening letter");
        var ineligible = mails.Single(m => Subject(m) == $"Not eligible: {reference}");
        var text = ineligible.GetProperty("text").GetString()!;

        Assert.DoesNotContain("reply to", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("does not receive replies", text, StringComparison.Ordinal);
        Assert.Contains("/applicant/application.html?id=", text, StringComparison.Ordinal);
        Assert.False(ineligible.GetProperty("request").TryGetProperty("reply_to", out _));
    }

    [Fact]
    public async Task SignInLink_AskedFromAFrenchPage_IsWrittenInFrench()
    {
        var email = $"ngo-{Guid.NewGuid():N}@example.org";

        using var asked = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = System.Net.Http.Json.JsonContent.Create(new { email, language = "fr" }) });
        using var unknown = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = System.Net.Http.Json.JsonContent.Create(new { email, language = "de" }) });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.True((await ApplicationSetup.Json(unknown)).GetProperty("errors").TryGetProperty("language", out _));
        var mail = Assert.Single(await Eventually.WaitFor(() => SignIn.MailsToAsync(Client, email), m => m.Length > 0, "the sign-in link"));
        Assert.Equal("Votre lien de connexion à TrustFundGrants", Subject(mail));
        Assert.Contains("#token=", mail.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    private static string Subject(JsonElement mail) => mail.GetProperty("subject").GetString()!;

    private async Task<(Session Ngo, string Email)> ApplicantAsync(ApplicationSetup setup, string language)
    {
        var ngo = await setup.NgoAsync();
        using var set = await Client.SendAsync(ngo.Bearer(HttpMethod.Put, "/api/me/language", new { language }));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using var me = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (ngo, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!);
    }

    private async Task<string> SubmitIneligibleAsync(ApplicationSetup setup, Session ngo)
    {
        var id = await setup.ReadyAsync(ngo, registered: false);
        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await ApplicationSetup.Json(submitted)).GetProperty("reference").GetString()!;
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string etag)
    {
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
