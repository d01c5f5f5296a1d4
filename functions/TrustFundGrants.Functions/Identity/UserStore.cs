using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

/// <summary>Users by email address; see <see cref="UserEntity"/> for the key scheme.</summary>
public sealed class UserStore(TableServiceClient tables, SessionRevocations revocations, TimeProvider time)
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
    /// both land.
    /// </summary>
    public async Task<UserEntity> UpsertAsync(string normalizedEmail, Action<UserEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            var user = await FindAsync(normalizedEmail, cancellationToken);
            try
            {
                if (user is null)
                {
                    user = New(normalizedEmail);
                    change(user);
                    await Client.AddEntityAsync(user, cancellationToken);
                }
                else
                {
                    change(user);
                    var response = await Client.UpdateEntityAsync(user, user.ETag, TableUpdateMode.Replace, cancellationToken);
                    user.ETag = response.Headers.ETag ?? user.ETag;
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
    /// which is safe, and the next sign-in moves the generation up to it. Null when there is no such user.
    /// </summary>
    public async Task<UserEntity?> ChangeAndEndSessionsAsync(string normalizedEmail, Action<UserEntity> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
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
                var response = await Client.UpdateEntityAsync(user, user.ETag, TableUpdateMode.Replace, cancellationToken);
                user.ETag = response.Headers.ETag ?? user.ETag;
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
