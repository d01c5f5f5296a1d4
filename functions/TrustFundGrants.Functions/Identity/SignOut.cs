using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

/// <summary>Ends the portal session by clearing its cookie. A bearer token simply stops being sent.</summary>
public sealed class SignOut(Access access)
{
    [Function(nameof(SignOut))]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out")] HttpRequest request)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        SessionCookie.Clear(request.HttpContext.Response);
        return TypedResults.NoContent();
    }
}
