using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>A member invites a colleague, who becomes an applicant of the same organisation at their next sign-in.</summary>
public sealed class AddOrganisationMember(Access access, OrganisationStore organisations, UserStore users, IEmailSender email, AuditLog audit, IOptions<AuthOptions> options)
{
    [Function(nameof(AddOrganisationMember))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organisations/{id}/members")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (!caller.IsMemberOf(id) || await organisations.FindAsync(id, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound();
        }

        var body = await RequestJson.ReadAsync<EmailRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        if (EmailAddress.Problem(body.Value.Email) is { } wrong)
        {
            return Problems.Validation("email", wrong);
        }

        var address = EmailAddress.Normalize(body.Value.Email);
        var elsewhere = false;
        var member = await users.UpsertAsync(
            address,
            u =>
            {
                elsewhere = u.OrganisationId is not null && u.OrganisationId != id;
                if (!elsewhere)
                {
                    u.OrganisationId = id;
                    u.AddRole(Roles.Applicant);
                }
            },
            u => elsewhere ? null : audit.Stage(u.PartitionKey, caller, "organisation.member-added", "organisation:" + id, null, new { memberId = u.UserId, email = address }),
            cancellationToken);
        if (elsewhere)
        {
            return Problems.Conflict("That person already represents another organisation.");
        }

        var signIn = new Uri(options.Value.PortalBaseUrl, "/signin.html");
        await email.SendAsync(
            new EmailMessage(
                address,
                $"You have been added to {organisation.Name} on TrustFundGrants",
                $"{caller.Email} added you to {organisation.Name} on TrustFundGrants, to prepare its applications.\n\nSign in with this address at {signIn}"),
            cancellationToken);
        return TypedResults.Json(new { memberId = member.UserId, email = address }, statusCode: StatusCodes.Status201Created);
    }
}

