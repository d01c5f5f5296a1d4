using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Organisations.Names;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// Members, invitations and the roster of an organisation, all in its partition of the organisations
/// table (see <see cref="MemberEntity"/>, <see cref="InvitationEntity"/>, <see cref="RosterEntity"/>),
/// so every change to who belongs is one entity-group transaction.
/// </summary>
public sealed class MembershipStore(OrganisationStore organisations, Outbox outbox, AuditLog audit)
{
    private TableClient Client => organisations.Client;

    public Task<IReadOnlyList<MemberEntity>> MembersAsync(string organisationId, CancellationToken cancellationToken) =>
        RangeAsync<MemberEntity>(organisationId, MemberEntity.Prefix, cancellationToken);

    public Task<IReadOnlyList<InvitationEntity>> InvitationsAsync(string organisationId, CancellationToken cancellationToken) =>
        RangeAsync<InvitationEntity>(organisationId, InvitationEntity.Prefix, cancellationToken);

    public async Task<MemberEntity?> FindMemberAsync(string organisationId, string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<MemberEntity>(organisationId, MemberEntity.RowKeyFor(userId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<InvitationEntity?> FindInvitationAsync(string organisationId, string normalizedEmail, CancellationToken cancellationToken)
    {
        var found = await Client.GetEntityIfExistsAsync<InvitationEntity>(
            organisationId, InvitationEntity.RowKeyFor(EmailAddress.Key(normalizedEmail)), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The roster as read now; a new, unsaved one (no ETag) for an organisation that has none yet.</summary>
    public async Task<RosterEntity> RosterAsync(string organisationId, CancellationToken cancellationToken)
    {
        var found = await Client.GetEntityIfExistsAsync<RosterEntity>(organisationId, RosterEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } roster ? roster : new RosterEntity { PartitionKey = organisationId };
    }

    /// <summary>Creates or refreshes an invitation with its audit entry: added if new, else replaced under the ETag it was read with.</summary>
    public Task SaveInvitationAsync(InvitationEntity invitation, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var save = invitation.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, invitation)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, invitation, invitation.ETag);
        return audit.CommitAsync(Client, [save], entry, cancellationToken);
    }

    /// <summary>A new organisation, its first member and its roster, in one transaction; the profile's ETag.</summary>
    public async Task<ETag> RegisterAsync(OrganisationEntity organisation, MemberEntity founder, DateTimeOffset now, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var roster = new RosterEntity { PartitionKey = organisation.PartitionKey, ChangedAt = now };
        var etags = await audit.CommitAsync(
            Client,
            [
                new TableTransactionAction(TableTransactionActionType.Add, organisation),
                new TableTransactionAction(TableTransactionActionType.Add, founder),
                new TableTransactionAction(TableTransactionActionType.Add, roster),

                // The name index follows through the outbox (the search reads the index, never the register).
                new TableTransactionAction(TableTransactionActionType.Add, outbox.Stage(organisation.PartitionKey, OrganisationNameMessage.Queue, new OrganisationNameMessage(organisation.PartitionKey))),
            ],
            entry,
            cancellationToken);
        return etags[0];
    }

    /// <summary>The invitee joins: their invitation goes, their member row comes, under the roster read before. Throws on any race.</summary>
    public Task JoinAsync(RosterEntity roster, InvitationEntity invitation, MemberEntity member, DateTimeOffset now, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return audit.CommitAsync(
            Client,
            [
                Touch(roster, now),
                new TableTransactionAction(TableTransactionActionType.Delete, invitation, invitation.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, member),
            ],
            entry,
            cancellationToken);
    }

    /// <summary>A member leaves or is removed, under the roster read before the last-member check. Throws on any race.</summary>
    public Task LeaveAsync(RosterEntity roster, MemberEntity member, DateTimeOffset now, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return audit.CommitAsync(
            Client,
            [Touch(roster, now), new TableTransactionAction(TableTransactionActionType.Delete, member, member.ETag)],
            entry,
            cancellationToken);
    }

    private static TableTransactionAction Touch(RosterEntity roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var isNew = roster.ETag == default;
        roster.ChangedAt = now;
        return isNew
            ? new TableTransactionAction(TableTransactionActionType.Add, roster)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, roster, roster.ETag);
    }

    private async Task<IReadOnlyList<T>> RangeAsync<T>(string organisationId, string prefix, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        // '}' follows '|' in ordinal order, so the range holds exactly the rows with this prefix.
        var end = prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organisationId} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<T>();
        await foreach (var row in Client.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
