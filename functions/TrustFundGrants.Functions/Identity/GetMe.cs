using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

public sealed class GetMe(Access access, UserStore users)
{
    [Function(nameof(GetMe))]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        // The language is read from the user, not the session token: it changes within a session.
        var user = await users.FindAsync(session.Caller.Email, cancellationToken);
        return TypedResults.Ok(MeView.From(session.Caller, user?.Language));
    }
}
