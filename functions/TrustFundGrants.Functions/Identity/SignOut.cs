using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Ends this session on the server, not only in the browser: its token is refused from now on (at
/// once on this instance, within <see cref="AuthOptions.EndedSessionsMaxAge"/> on any other), so a
/// copied cookie or bearer token stops working too. Then clears the cookie.
/// </summary>
public sealed class SignOut(Access access, SessionRevocations revocations, AuditLog audit)
{
    [Function(nameof(SignOut))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        var entry = audit.Stage(SessionRevocations.Partition, caller, "user.signed-out", "user:" + caller.UserId, null, new { sessionId = caller.SessionId });
        await revocations.EndSessionAsync(caller, entry, cancellationToken);
        SessionCookie.Clear(request.HttpContext.Response);
        return TypedResults.NoContent();
    }
}
