using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A change to accepted terms, kept for the record. RowKey "amendment-NN". A budget move above the free
/// share waits (Pending) for a Secretariat member other than whoever proposed it.
/// </summary>
public sealed class AmendmentEntity : ITableEntity
{
    public const string Prefix = "amendment-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Number { get; set; }

    /// <summary>extension or budget-move.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Applied or Pending.</summary>
    public string Status { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    /// <summary>The change itself as JSON (the new end date and report dates, or the moves and the lines after them).</summary>
    public string ChangeJson { get; set; } = "{}";

    public string ProposedById { get; set; } = string.Empty;

    public string ProposedByEmail { get; set; } = string.Empty;

    public DateTimeOffset ProposedAt { get; set; }

    public string? ApprovedByEmail { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public static string RowKeyFor(int number) => Prefix + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
