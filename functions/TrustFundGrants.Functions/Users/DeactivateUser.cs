using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Users;

/// <summary>
/// The Secretariat shuts a person out (someone who left, an account that was misused): every session
/// they hold ends and sign-in links no longer sign them in, until they are reactivated.
/// </summary>
public sealed class DeactivateUser(Access access, UserStore users, AuditLog audit, TimeProvider time)
{
    [Function(nameof(DeactivateUser))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/deactivate")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<EmailRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var address = EmailAddress.Normalize(body.Value.Email);
        if (UserAccessRules.IsSelf(caller, address))
        {
            return Problems.Conflict(UserAccessRules.NotYourself);
        }

        var user = await users.ChangeAndEndSessionsAsync(
            address,
            u => u.DeactivatedAt ??= time.GetUtcNow(),
            u => audit.Stage(u.PartitionKey, caller, "user.deactivated", "user:" + u.UserId, null, new { deactivatedAt = u.DeactivatedAt }),
            cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("Nobody has signed in or been invited with this address.");
        }

        return TypedResults.Ok(UserAccessView.From(user));
    }
}
