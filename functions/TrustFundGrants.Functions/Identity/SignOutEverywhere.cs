using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Ends every session the caller holds, on every device (a lost laptop, a shared computer): their
/// session generation moves on, so every token issued before is refused.
/// </summary>
public sealed class SignOutEverywhere(Access access, UserStore users, AuditLog audit)
{
    [Function(nameof(SignOutEverywhere))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out-everywhere")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var user = await users.ChangeAndEndSessionsAsync(
            caller.Email,
            _ => { },
            u => audit.Stage(u.PartitionKey, caller, "user.sessions-ended", "user:" + u.UserId, null, new { sessionGeneration = u.SessionGeneration }),
            cancellationToken);
        if (user is null)
        {
            return Problems.NotFound();
        }

        SessionCookie.Clear(request.HttpContext.Response);
        return TypedResults.NoContent();
    }
}
