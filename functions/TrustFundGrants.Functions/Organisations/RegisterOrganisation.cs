using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Anyone signed in may register an NGO and becomes its first applicant. A person belongs to one
/// organisation. The answer carries a fresh session, since the caller's role just changed.
/// </summary>
public sealed class RegisterOrganisation(
    Access access, MembershipStore memberships, UserStore users, ReviewerTies ties, SessionTokens sessions, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RegisterOrganisation))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organisations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<OrganisationRequest>(request, cancellationToken);
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

        if (caller.OrganisationId is not null)
        {
            return Problems.Conflict("You already belong to an organisation; one person represents one organisation.");
        }

        var organisation = new OrganisationEntity
        {
            PartitionKey = Guid.CreateVersion7().ToString(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = caller.UserId,
        };
        body.Value.ApplyTo(organisation);

        // Claim the membership first: if the person joined another organisation meanwhile, nothing is created.
        if (await ClaimMembershipAsync(caller, organisation.PartitionKey, cancellationToken) is not { } user)
        {
            return Problems.Conflict("You already belong to an organisation; one person represents one organisation.");
        }

        var founder = new MemberEntity
        {
            PartitionKey = organisation.PartitionKey, RowKey = MemberEntity.RowKeyFor(user.UserId), UserId = user.UserId, Email = user.Email, JoinedAt = organisation.CreatedAt,
        };
        var entry = audit.Stage(organisation.PartitionKey, caller, "organisation.registered", "organisation:" + organisation.PartitionKey, null, organisation.ToView());
        var etag = await memberships.RegisterAsync(organisation, founder, organisation.CreatedAt, entry, cancellationToken);
        await ties.RecordMembershipAsync(caller, user.UserId, organisation.PartitionKey, organisation.Name, cancellationToken);

        var (token, expiresAt) = sessions.Issue(user.ToCaller());
        SessionCookie.Append(request.HttpContext.Response, token, expiresAt);
        request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        return TypedResults.Created(
            $"/api/organisations/{organisation.PartitionKey}",
            new RegisteredOrganisation(organisation.ToView(), new SessionResponse(token, expiresAt, MeView.From(user.ToCaller(), user.Language))));
    }

    /// <summary>The caller's user row, now a member of the organisation and an applicant; null when it already belongs to another.</summary>
    private async Task<UserEntity?> ClaimMembershipAsync(Caller caller, string organisationId, CancellationToken cancellationToken)
    {
        var conflict = false;
        var user = await users.UpsertAsync(
            caller.Email,
            u =>
            {
                conflict = u.OrganisationId is not null && u.OrganisationId != organisationId;
                if (!conflict)
                {
                    u.OrganisationId = organisationId;
                    u.AddRole(Roles.Applicant);
                }
            },
            _ => null,
            cancellationToken);
        return conflict ? null : user;
    }
}

public sealed record RegisteredOrganisation(OrganisationView Organisation, SessionResponse Session);
