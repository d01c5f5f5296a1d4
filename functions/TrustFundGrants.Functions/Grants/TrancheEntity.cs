using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>One instalment of a grant, in its partition. RowKey "tranche-NN" (1-based, two digits: listed in order).</summary>
public sealed class TrancheEntity : ITableEntity
{
    public const string Prefix = "tranche-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Number { get; set; }

    public long AmountMinor { get; set; }

    /// <summary>yyyy-MM-dd: the earliest day it may be paid.</summary>
    public string DueOn { get; set; } = string.Empty;

    /// <summary>The report (number) that must be accepted first; null for the first tranche.</summary>
    public int? AfterReport { get; set; }

    public string Status { get; set; } = TrancheStatus.Scheduled;

    public string? RequestedById { get; set; }

    public string? RequestedByEmail { get; set; }

    public DateTimeOffset? RequestedAt { get; set; }

    public string? ApprovedById { get; set; }

    public string? ApprovedByEmail { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? PaidByEmail { get; set; }

    public string? PaymentReference { get; set; }

    /// <summary>yyyy-MM-dd, the value date the bank gave the payment.</summary>
    public string? ValueDate { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public static string RowKeyFor(int number) => Prefix + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
