using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>A reviewer on a round's panel. PartitionKey: the round's id (the pool is read whole when assigning); RowKey: the reviewer's user id.</summary>
public sealed class ReviewerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Email { get; set; } = string.Empty;

    public DateTimeOffset AddedAt { get; set; }

    public ReviewerView ToView() => new(RowKey, Email, AddedAt);
}

public sealed record ReviewerView(string UserId, string Email, DateTimeOffset AddedAt);

/// <summary>
/// A reviewer's standing declaration that they are tied to an organisation. PartitionKey: the
/// reviewer's user id (assignment reads one reviewer's declarations at a time); RowKey: the organisation's id.
/// </summary>
public sealed class ConflictEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Reason { get; set; } = string.Empty;

    /// <summary>The organisation's name when declared, so the reviewer's list reads as names without organisation reads.</summary>
    public string OrganisationName { get; set; } = string.Empty;

    public DateTimeOffset DeclaredAt { get; set; }

    public ConflictView ToView() => new(RowKey, OrganisationName, Reason, DeclaredAt);
}

public sealed record ConflictView(string OrganisationId, string OrganisationName, string Reason, DateTimeOffset DeclaredAt);
