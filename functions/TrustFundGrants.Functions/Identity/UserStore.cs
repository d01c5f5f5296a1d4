using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Identity;

/// <summary>Users by email address; see <see cref="UserEntity"/> for the key scheme.</summary>
public sealed class UserStore(TableServiceClient tables, AuditLog audit, SessionRevocations revocations, TimeProvider time)
{
    public const string Table = "users";

    private TableClient Client => tables.GetTableClient(Table);

    public async Task<UserEntity?> FindAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var found = await Client.GetEntityIfExistsAsync<UserEntity>(EmailAddress.Key(normalizedEmail), UserEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Reads the user for an address, creating them if new, applies <paramref name="change"/> and saves
    /// with the ETag, re-reading on a conflict so concurrent changes (an invitation during a sign-in)
    /// both land. <paramref name="stageAudit"/> stages the change's audit entry (in the user's partition)
    /// once the change is applied, or answers null when there is nothing to record; it commits with the change.
    /// </summary>
    public async Task<UserEntity> UpsertAsync(
        string normalizedEmail, Action<UserEntity> change, Func<UserEntity, OutboxEntry?> stageAudit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(stageAudit);
        for (var attempt = 0; ; attempt++)
        {
            var user = await FindAsync(normalizedEmail, cancellationToken);
            try
            {
                var write = user is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, user = New(normalizedEmail))
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, user, user.ETag);
                change(user);
                if (stageAudit(user) is { } entry)
                {
                    user.ETag = (await audit.CommitAsync(Client, [write], entry, cancellationToken))[0];
                }
                else
                {
                    user.ETag = (await Client.SubmitTransactionAsync([write], cancellationToken)).Value[0].Headers.ETag ?? default;
                }

                return user;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Someone else changed or created this user between our read and write: apply our change to theirs.
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to an existing user and ends every session they hold, so no
    /// token issued before the change is accepted after it (at once here, within a minute elsewhere).
    /// The ending is written first: if the user's write then fails, sessions have ended for nothing,
    /// which is safe, and the next sign-in moves the generation up to it. The change's audit entry
    /// (<paramref name="stageAudit"/>) commits with it. Null when there is no such user.
    /// </summary>
    public async Task<UserEntity?> ChangeAndEndSessionsAsync(
        string normalizedEmail, Action<UserEntity> change, Func<UserEntity, OutboxEntry> stageAudit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(stageAudit);
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(normalizedEmail, cancellationToken) is not { } user)
            {
                return null;
            }

            var generation = Math.Max(user.SessionGeneration, revocations.ValidGenerationFor(user.UserId)) + 1;
            await revocations.EndSessionsBelowAsync(user.UserId, generation, cancellationToken);
            change(user);
            user.SessionGeneration = generation;
            try
            {
                user.ETag = (await audit.CommitAsync(Client, [new(TableTransactionActionType.UpdateReplace, user, user.ETag)], stageAudit(user), cancellationToken))[0];
                return user;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // A sign-in or another change landed between our read and write: end what it issued too.
            }
        }
    }

    private UserEntity New(string normalizedEmail) => new()
    {
        PartitionKey = EmailAddress.Key(normalizedEmail),
        UserId = Guid.CreateVersion7().ToString(),
        Email = normalizedEmail,
        DisplayName = normalizedEmail,
        CreatedAt = time.GetUtcNow(),
    };
}
