using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// The invitee, signed in with the invited address, sees the invitation (GET) and accepts it (POST):
/// only then do they become a member. Anyone else, and an expired invitation, gets 404. The answer
/// to accepting carries a new session, since the person's organisation just changed.
/// </summary>
public sealed class AcceptInvitation(
    Access access, OrganisationStore organisations, MembershipStore memberships, MembershipChanges changes, SessionTokens sessions, TimeProvider time)
{
    [Function("GetOwnInvitation")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organisations/{id}/invitations/mine")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        return await FindAsync(id, session.Caller, cancellationToken) is ({ } organisation, { } invitation)
            ? TypedResults.Ok(new OwnInvitationView(id, organisation.Name, invitation.InvitedByEmail, invitation.ExpiresAt))
            : Problems.NotFound();
    }

    [Function(nameof(AcceptInvitation))]
    public async Task<IResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organisations/{id}/invitations/mine/accept")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        if (await FindAsync(id, caller, cancellationToken) is not ({ } organisation, { } invitation))
        {
            return Problems.NotFound();
        }

        var (outcome, user) = await changes.JoinAsync(caller, organisation, invitation, cancellationToken);
        switch (outcome)
        {
            case MembershipChanges.Outcome.InAnotherOrganisation:
                return Problems.Conflict("You already belong to an organisation; one person represents one organisation. Leave it first to join this one.");
            case MembershipChanges.Outcome.ChangedMeanwhile:
                return Problems.Conflict("The invitation changed while you accepted it; reload the page and try again.");
        }

        return CreateSession.Issue(request.HttpContext.Response, sessions, user!.ToCaller(), user.Language);
    }

    private async Task<(OrganisationEntity?, InvitationEntity?)> FindAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        if (await organisations.FindAsync(id, cancellationToken) is not { } organisation
            || await memberships.FindInvitationAsync(id, EmailAddress.Normalize(caller.Email), cancellationToken) is not { } invitation
            || invitation.ExpiresAt <= time.GetUtcNow())
        {
            return (null, null);
        }

        return (organisation, invitation);
    }
}
