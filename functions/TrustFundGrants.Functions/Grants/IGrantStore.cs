using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The grants table as the grant functions use it; see <see cref="GrantEntity"/> for the keys.</summary>
public interface IGrantStore
{
    Task<GrantFile?> ReadAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Adds a new grant with its audit entry; false, adding nothing, when it already exists (a second creation of the same grant).</summary>
    Task<bool> AddAsync(GrantEntity grant, Platform.Outbox.OutboxEntry audit, CancellationToken cancellationToken);

    /// <summary>Commits <paramref name="change"/>, releases its outbox rows and brings the index up to date; returns the grant's new ETag.</summary>
    /// <exception cref="GrantChangedException">Someone changed the grant since it was read.</exception>
    Task<Azure.ETag> CommitAsync(GrantChange change, CancellationToken cancellationToken);

    Task<Page<LedgerEntryEntity>> LedgerAsync(string grantId, Paging paging, CancellationToken cancellationToken);

    Task<IReadOnlyList<Reports.AttachmentEntity>> AttachmentsAsync(string grantId, int report, CancellationToken cancellationToken);
}
