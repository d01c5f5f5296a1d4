using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Removes a member: any other member may (never the last one), a person may leave (not as the last
/// one: the organisation would have nobody to answer for it), and the Secretariat may remove anyone.
/// Leaving answers with a new session without the organisation; removing someone else answers 204.
/// </summary>
public sealed class RemoveMember(Access access, MembershipStore memberships, MembershipChanges changes, SessionTokens sessions)
{
    [Function(nameof(RemoveMember))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "organisations/{id}/members/{userId}")] HttpRequest request,
        string id,
        string userId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        var secretariat = caller.IsIn(Roles.Secretariat);
        if (!(secretariat || caller.IsMemberOf(id)) || !Guid.TryParse(id, out _)
            || await memberships.FindMemberAsync(id, userId, cancellationToken) is not { } member)
        {
            return Problems.NotFound();
        }

        var leaving = member.UserId == caller.UserId;
        var (outcome, user) = await changes.RemoveAsync(caller, member, mayRemoveLast: secretariat && !leaving, cancellationToken);
        switch (outcome)
        {
            case MembershipChanges.Outcome.LastMember:
                return Problems.Conflict(leaving
                    ? "You are the organisation's only member; invite a colleague to take over before you leave."
                    : "This is the organisation's only member.");
            case MembershipChanges.Outcome.ChangedMeanwhile:
                return Problems.Conflict("The members changed meanwhile; reload and try again.");
        }

        if (!leaving)
        {
            return TypedResults.NoContent();
        }

        return CreateSession.Issue(request.HttpContext.Response, sessions, user!.ToCaller(), user.Language);
    }
}
