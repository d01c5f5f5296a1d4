using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>Real session tokens and a request carrying one, so functions run their own access check in unit tests.</summary>
internal sealed class SignedIn(TimeProvider time)
{
    private readonly SessionTokens tokens = new(
        Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) }), time);

    public Access Access => new(tokens);

    public SessionTokens Tokens => tokens;

    public HttpRequest Request(Caller caller, string method, string? json = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Authorization = "Bearer " + tokens.Issue(caller).Token;
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        }

        return context.Request;
    }
}
