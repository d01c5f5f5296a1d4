using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// Records an invitation and owes its email through the outbox, unless the same person was emailed
/// about the same thing less than <see cref="Quiet"/> ago: a second click, or a colleague inviting
/// them too, then only counts the repeat. The row, its email and its audit entry commit together
/// under the ETag of the read that decided, so two invitations at once email once.
/// </summary>
public sealed class InvitationLog(TableServiceClient tables, Outbox outbox, AuditLog audit, TimeProvider time)
{
    public const string Table = "invitations";

    public static readonly TimeSpan Quiet = TimeSpan.FromDays(1);

    public TableClient Client => tables.GetTableClient(Table);

    /// <summary>The invitation as recorded, and whether this call owed a new email.</summary>
    public async Task<(InvitationRecord Invitation, bool Emailed)> RecordAsync(
        string address, string kind, string? roundId, string? roundTitle, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rowKey = InvitationRecord.RowKeyFor(kind, roundId, EmailAddress.Key(address));
        for (var attempt = 0; ; attempt++)
        {
            var found = await Client.GetEntityIfExistsAsync<InvitationRecord>(InvitationRecord.Partition, rowKey, cancellationToken: cancellationToken);
            var now = time.GetUtcNow();
            var existing = found.HasValue ? found.Value : null;
            var invitation = existing ?? new InvitationRecord { RowKey = rowKey, Email = address, Kind = kind, RoundId = roundId, FirstInvitedAt = now };
            invitation.RoundTitle = roundTitle ?? invitation.RoundTitle;
            var send = existing is null || now - existing.EmailedAt >= Quiet;
            invitation.LastInvitedAt = now;
            invitation.InvitedByEmail = caller.Email;
            invitation.Times++;
            invitation.EmailedAt = send ? now : invitation.EmailedAt;
            var actions = new List<TableTransactionAction>
            {
                existing is null ? new(TableTransactionActionType.Add, invitation) : new(TableTransactionActionType.UpdateReplace, invitation, existing.ETag),
            };
            var email = send ? outbox.Stage(InvitationRecord.Partition, InvitationEmailMessage.Queue, new InvitationEmailMessage(rowKey)) : null;
            if (email is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, email));
            }

            var entry = audit.Stage(
                InvitationRecord.Partition, caller, send ? "invitation.emailed" : "invitation.repeated", "invitation:" + rowKey, null, invitation.ToView());
            try
            {
                await audit.CommitAsync(Client, actions, entry, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Someone invited the same person to the same thing between our read and write: judge again against theirs.
                continue;
            }

            if (email is not null)
            {
                await outbox.ReleaseAsync(Table, email, cancellationToken);
            }

            return (invitation, send);
        }
    }
}
