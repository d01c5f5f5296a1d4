using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Users;

/// <summary>Lets a deactivated person sign in again, with the roles they still have.</summary>
public sealed class ReactivateUser(Access access, UserStore users, AuditLog audit)
{
    [Function(nameof(ReactivateUser))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/reactivate")] HttpRequest request,
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
        DateTimeOffset? was = null;
        var user = await users.ChangeAndEndSessionsAsync(
            address,
            u => (was, u.DeactivatedAt) = (u.DeactivatedAt, null),
            u => audit.Stage(u.PartitionKey, caller, "user.reactivated", "user:" + u.UserId, new { deactivatedAt = was }, null),
            cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("Nobody has signed in or been invited with this address.");
        }

        return TypedResults.Ok(UserAccessView.From(user));
    }
}
