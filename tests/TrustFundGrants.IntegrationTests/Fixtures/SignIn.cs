using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>Signs in the way a person does: ask for a link, take it from the captured mail, exchange its token.</summary>
internal static partial class SignIn
{
    public static async Task<Session> AsAsync(HttpClient client, string email)
    {
        var token = await RequestLinkTokenAsync(client, email);
        using var response = await client.PostAsJsonAsync("/api/auth/session", new { token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tfg_session=", StringComparison.Ordinal));
        return new Session(body.RootElement.GetProperty("token").GetString()!, cookie.Split(';')[0]);
    }

    public static async Task<string> RequestLinkTokenAsync(HttpClient client, string email)
    {
        var before = await MailCountAsync(client, email);
        using var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // Other mail (an invitation owed through the outbox) may arrive meanwhile: the link is in the newest one carrying a token.
        var text = await Eventually.WaitFor(
            async () => (await MailsToAsync(client, email)).Select(m => m.GetProperty("text").GetString()!).ToArray(),
            mails => mails.Take(mails.Length - before).Any(m => TokenIn(m).Length > 0),
            "the sign-in mail");
        return TokenIn(text.Take(text.Length - before).First(m => TokenIn(m).Length > 0));
    }

    public static string TokenIn(string mailText) => TokenPattern().Match(mailText).Groups[1].Value;

    public static async Task<JsonElement[]> MailsToAsync(HttpClient client, string email)
    {
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/_dev/mail.json", UriKind.Relative)));
        return list.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == email))
            .Select(m => m.Clone())
            .ToArray();
    }

    private static async Task<int> MailCountAsync(HttpClient client, string email) => (await MailsToAsync(client, email)).Length;

    [GeneratedRegex(@"#token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenPattern();
}

/// <summary>A signed-in session: the bearer token for API calls and the cookie the portal would hold.</summary>
internal sealed record Session(string Token, string Cookie)
{
    public HttpRequestMessage Bearer(HttpMethod method, string uri, object? json = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new("Bearer", Token);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public HttpRequestMessage WithCookie(HttpMethod method, string uri, object? json = null, bool csrfHeader = true)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Add("Cookie", Cookie);
        if (csrfHeader)
        {
            request.Headers.Add("X-TFG-Request", "1");
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }
}
