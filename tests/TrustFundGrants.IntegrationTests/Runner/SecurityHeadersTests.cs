using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>
/// Issue 9.9: the API and the portal answer with the headers Azure sends (host.json customHeaders for
/// the Functions host, web/staticwebapp.config.json globalHeaders for the Static Web App), locally too.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class SecurityHeadersTests(RunnerFixture runner)
{
    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/me")]
    [InlineData("/api/openapi.json")]
    public async Task Api_EveryAnswer_ForbidsFramingScriptsAndReferrers(string path)
    {
        using var response = await runner.Client.GetAsync(new Uri(path, UriKind.Relative));

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/signin.html")]
    [InlineData("/signin.js")]
    public async Task Portal_EveryFile_HasAPolicyWithoutInlineScript(string path)
    {
        using var response = await runner.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task PlainHttp_GetsNoStrictTransportSecurity_WhichAzureSendsOverHttps()
    {
        using var api = await runner.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var portal = await runner.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(api.Headers.Contains("Strict-Transport-Security"));
        Assert.False(portal.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("max-age=", Declared(Path.Combine(Repo.Root, "host.json"), "extensions", "http", "customHeaders"), StringComparison.Ordinal);
        Assert.Contains("max-age=", Declared(Path.Combine(Repo.Root, "web", "staticwebapp.config.json"), "globalHeaders"), StringComparison.Ordinal);
    }

    [Fact]
    public void StaticWebAppConfig_DeclaresTheSamePolicyTheRunnerServes()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "web", "staticwebapp.config.json")));
        var headers = config.RootElement.GetProperty("globalHeaders");

        Assert.Contains("frame-ancestors 'none'", headers.GetProperty("Content-Security-Policy").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", headers.GetProperty("Referrer-Policy").GetString());
    }

    [Fact]
    public async Task CookieSession_OriginWithTheRightHostButAnotherScheme_Gets403AndSessionStays()
    {
        var session = await SignIn.AsAsync(runner.Client, $"ngo-{Guid.NewGuid():N}@example.org");
        using var request = session.WithCookie(HttpMethod.Post, "/api/auth/sign-out", csrfHeader: false);
        request.Headers.Add("Origin", "https://" + runner.BaseAddress.Authority);

        using var response = await runner.Client.SendAsync(request);
        using var stillIn = await runner.Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/me"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task CookieSession_OriginOfThisSite_IsAllowed()
    {
        var session = await SignIn.AsAsync(runner.Client, $"ngo-{Guid.NewGuid():N}@example.org");
        using var request = session.WithCookie(HttpMethod.Post, "/api/auth/sign-out", csrfHeader: false);
        request.Headers.Add("Origin", "http://" + runner.BaseAddress.Authority);

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"{name} missing from {response.RequestMessage?.RequestUri}");

    private static string Declared(string file, params string[] path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var element = document.RootElement;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetProperty("Strict-Transport-Security").GetString()!;
    }
}
