using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Joining and leaving. A person's organisation lives on their user row (one person, one
/// organisation; sessions are issued from it) and their member row in the organisation's partition
/// (the list, and the last-member rule). The two cannot share a transaction, so each change claims
/// the side that decides first and undoes that claim if the other side refuses.
/// </summary>
public sealed class MembershipChanges(MembershipStore memberships, UserStore users, ReviewerTies ties, AuditLog audit, TimeProvider time)
{
    public enum Outcome
    {
        Done,
        InAnotherOrganisation,
        LastMember,
        ChangedMeanwhile,
    }

    /// <summary>The invitee joins; on <see cref="Outcome.Done"/> their user row (for a new session) comes back.</summary>
    public async Task<(Outcome Outcome, UserEntity? User)> JoinAsync(Caller invitee, OrganisationEntity organisation, InvitationEntity invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(invitation);
        var id = organisation.PartitionKey;
        var elsewhere = false;
        var user = await users.UpsertAsync(
            invitation.Email,
            u =>
            {
                elsewhere = u.OrganisationId is not null && u.OrganisationId != id;
                if (!elsewhere)
                {
                    u.OrganisationId = id;
                    u.AddRole(Roles.Applicant);
                }
            },
            _ => null, // the join's entry commits with the member row
            cancellationToken);
        if (elsewhere)
        {
            return (Outcome.InAnotherOrganisation, null);
        }

        var now = time.GetUtcNow();
        var roster = await memberships.RosterAsync(id, cancellationToken);
        var member = new MemberEntity { PartitionKey = id, RowKey = MemberEntity.RowKeyFor(user.UserId), UserId = user.UserId, Email = user.Email, JoinedAt = now };
        try
        {
            var entry = audit.Stage(id, invitee, "organisation.member-joined", "organisation:" + id, null, member.ToView());
            await memberships.JoinAsync(roster, invitation, member, now, entry, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            if (await memberships.FindMemberAsync(id, user.UserId, cancellationToken) is null)
            {
                await ReleaseAsync(user.Email, id, cancellationToken);
                return (Outcome.ChangedMeanwhile, null);
            }
        }

        // A reviewer who joins the organisation is tied to it from now on, and withdrawn from its applications.
        await ties.RecordMembershipAsync(invitee, user.UserId, id, organisation.Name, cancellationToken);
        return (Outcome.Done, user);
    }

    /// <summary>Removes a member; <paramref name="mayRemoveLast"/> only for the Secretariat. On <see cref="Outcome.Done"/> their user row comes back.</summary>
    public async Task<(Outcome Outcome, UserEntity? User)> RemoveAsync(Caller actor, MemberEntity member, bool mayRemoveLast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(member);
        var id = member.PartitionKey;

        // The roster first: any join or departure after this read changes its ETag, so the count below stays true at commit.
        var roster = await memberships.RosterAsync(id, cancellationToken);
        if (!mayRemoveLast && (await memberships.MembersAsync(id, cancellationToken)).Count <= 1)
        {
            return (Outcome.LastMember, null);
        }

        try
        {
            var action = actor.UserId == member.UserId ? "organisation.member-left" : "organisation.member-removed";
            await memberships.LeaveAsync(roster, member, time.GetUtcNow(), audit.Stage(id, actor, action, "organisation:" + id, member.ToView(), null), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return (Outcome.ChangedMeanwhile, null);
        }

        // The person's sessions still name the organisation: end them, so a removed member sees nothing from the
        // next request on (within the ended-session bound on other instances), not only once their token expires.
        var released = await users.ChangeAndEndSessionsAsync(
            EmailAddress.Normalize(member.Email),
            u => Release(u, id),
            u => audit.Stage(u.PartitionKey, actor, "user.organisation-released", "user:" + u.UserId, null, new { organisationId = id }),
            cancellationToken);
        return (Outcome.Done, released);
    }

    /// <summary>Clears the person's organisation, if it is still this one; returns their user row.</summary>
    public Task<UserEntity> ReleaseAsync(string email, string organisationId, CancellationToken cancellationToken) =>
        users.UpsertAsync(
            email,
            u => Release(u, organisationId),
            _ => null, // the departure's entry committed with the member row's deletion
            cancellationToken);

    private static void Release(UserEntity user, string organisationId)
    {
        if (user.OrganisationId == organisationId)
        {
            user.OrganisationId = null;
            user.RemoveRole(Roles.Applicant);
        }
    }
}
