using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>An organisation's members and the invitations still waiting, for its members and the Secretariat (404 for anyone else).</summary>
public sealed class ListMembers(Access access, OrganisationStore organisations, MembershipStore memberships, TimeProvider time)
{
    [Function(nameof(ListMembers))]
    public async Task<IResult> Members(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations/{id}/members")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (!OrganisationAccess.MaySee(session.Caller, id) || await organisations.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        var members = await memberships.MembersAsync(id, cancellationToken);
        return TypedResults.Ok(members.OrderBy(m => m.JoinedAt).Select(m => m.ToView()).ToArray());
    }

    [Function("ListInvitations")]
    public async Task<IResult> Invitations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations/{id}/invitations")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (!OrganisationAccess.MaySee(session.Caller, id) || await organisations.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        var invitations = await memberships.InvitationsAsync(id, cancellationToken);
        return TypedResults.Ok(invitations.Where(i => i.ExpiresAt > now).OrderBy(i => i.InvitedAt).Select(i => i.ToView()).ToArray());
    }
}
