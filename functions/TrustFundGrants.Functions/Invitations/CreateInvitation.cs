using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// The Secretariat invites reviewers, donors and colleagues. The role is granted to the address at
/// once and takes effect when that address signs in; applicants join through their organisation instead.
/// The email is owed through <see cref="InvitationLog"/>: inviting the same person as the same role again
/// within a day grants nothing new and emails nothing new. A donor invitation must name a donor the
/// Secretariat has added: a person bound to no donor would sign in to a dashboard of nothing.
/// </summary>
public sealed class CreateInvitation(Access access, UserStore users, InvitationLog log, AuditLog audit, DonorStore donors)
{
    internal static readonly string[] Invitable = [Roles.Reviewer, Roles.Donor, Roles.Secretariat];

    [Function(nameof(CreateInvitation))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<InvitationRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var invitation = body.Value;
        var role = Roles.Parse(invitation.Role);
        var errors = new Dictionary<string, string[]>();
        invitation.Validate(errors);
        if (role == Roles.Donor && !errors.ContainsKey("donorId") && await donors.FindAsync(invitation.DonorId, cancellationToken) is null)
        {
            errors["donorId"] = ["No donor has this id. Add the donor on the Donors page first, then invite its people."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var address = EmailAddress.Normalize(invitation.Email);
        var user = await users.UpsertAsync(
            address,
            u =>
            {
                u.AddRole(role!);
                if (role == Roles.Donor)
                {
                    u.DonorId = invitation.DonorId;
                }
            },
            u => audit.Stage(u.PartitionKey, caller, "invitation.created", "user:" + u.UserId, null, new { email = address, role, invitation.DonorId }),
            cancellationToken);

        var (record, emailed) = await log.RecordAsync(address, role!, null, null, caller, cancellationToken);
        return TypedResults.Json(new InvitationView(user.UserId, address, role!, emailed, record.EmailedAt), statusCode: StatusCodes.Status201Created);
    }
}

public sealed record InvitationRequest(string Email, string Role, string? DonorId = null)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (EmailAddress.Problem(Email) is { } wrong)
        {
            errors["email"] = [wrong];
        }

        var role = Roles.Parse(Role);
        if (role is null || !CreateInvitation.Invitable.Contains(role))
        {
            errors["role"] = ["Invite as Reviewer, Donor or Secretariat. Applicants join through their organisation."];
        }

        if (role == Roles.Donor && !IsId(DonorId))
        {
            errors["donorId"] = ["A donor invitation names the donor the person represents."];
        }
        else if (role != Roles.Donor && DonorId is not null)
        {
            errors["donorId"] = ["Only a donor invitation names a donor."];
        }
    }

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

/// <summary>The invitation made: <c>Emailed</c> is false when the same invitation was emailed less than a day ago (<c>EmailedAt</c>).</summary>
public sealed record InvitationView(string UserId, string Email, string Role, bool Emailed, DateTimeOffset EmailedAt);
