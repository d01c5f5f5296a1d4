using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// The Secretariat invites reviewers, donors and colleagues. The role is granted to the address at
/// once and takes effect when that address signs in; applicants join through their organisation instead.
/// </summary>
public sealed class CreateInvitation(Access access, UserStore users, IEmailSender email, AuditLog audit, IOptions<AuthOptions> options)
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

        var signIn = new Uri(options.Value.PortalBaseUrl, "/signin.html");
        await email.SendAsync(
            new EmailMessage(
                address,
                $"You are invited to TrustFundGrants as {role}",
                $"{caller.Email} invited you to TrustFundGrants as {role}.\n\nSign in with this address at {signIn} — there is no password; we email you a link each time."),
            cancellationToken);
        return TypedResults.Json(new InvitationView(user.UserId, address, role!), statusCode: StatusCodes.Status201Created);
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

public sealed record InvitationView(string UserId, string Email, string Role);
