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

        if (await users.ChangeAndEndSessionsAsync(caller.Email, _ => { }, cancellationToken) is not { } user)
        {
            return Problems.NotFound();
        }

        await audit.RecordAsync(caller, "user.sessions-ended", "user:" + user.UserId, null, new { sessionGeneration = user.SessionGeneration }, cancellationToken);
        SessionCookie.Clear(request.HttpContext.Response);
        return TypedResults.NoContent();
    }
}
