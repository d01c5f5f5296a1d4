using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A row of the grant index table: the lists that must stay fast, each one partition holding only what
/// it lists, so no list ever reads every grant. Partitions (see <see cref="GrantIndex"/>):
/// "grants", "org-{organisationId}", "country-{CC}" with RowKey the grant id; "payments-awaiting-approval",
/// "payments-awaiting-payment", "tranches-scheduled", "reports-owed", "reports-submitted" with RowKey
/// "{grantId}|{NN}". Derived from the grant's partition alone and rewritten from it after every change.
/// </summary>
public sealed class GrantIndexEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string GrantId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Reference { get; set; } = string.Empty;

    public string OrganisationId { get; set; } = string.Empty;

    public string OrganisationName { get; set; } = string.Empty;

    public string Countries { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    public long DisbursedMinor { get; set; }

    /// <summary>yyyy-MM-dd of the next report owed (grant rows), or of this report or tranche; empty for none.</summary>
    public string DueOn { get; set; } = string.Empty;

    public int? Number { get; set; }

    public string? Kind { get; set; }

    public string? RequestedByEmail { get; set; }

    public DateTimeOffset? RequestedAt { get; set; }

    public string? ApprovedByEmail { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public long Version { get; set; }
}
