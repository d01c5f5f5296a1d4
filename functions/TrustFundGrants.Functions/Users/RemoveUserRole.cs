using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Users;

/// <summary>
/// The Secretariat takes a role back (a reviewer leaves the panel, a donor's contact changes). Every
/// session the person holds ends with it, since a session carries its roles: the next sign-in gets
/// the roles that remain.
/// </summary>
public sealed class RemoveUserRole(Access access, UserStore users, AuditLog audit)
{
    [Function(nameof(RemoveUserRole))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/remove-role")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<RemoveRoleRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var role = Roles.Parse(body.Value.Role);
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

        IReadOnlyList<string> before = [];
        var user = await users.ChangeAndEndSessionsAsync(
            address,
            u =>
            {
                before = u.RoleList;
                u.RemoveRole(role!);
                if (role == Roles.Donor)
                {
                    u.DonorId = null;
                }
            },
            u => audit.Stage(u.PartitionKey, caller, "user.role-removed", "user:" + u.UserId, new { roles = before }, new { roles = u.RoleList }),
            cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("Nobody has signed in or been invited with this address.");
        }

        return TypedResults.Ok(UserAccessView.From(user));
    }
}
