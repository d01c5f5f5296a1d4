using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// One money movement of a grant, append-only: added in the transaction that changes the grant's totals,
/// never updated or deleted. RowKey "ledger-NNNNNN", numbered from the grant's <c>LedgerCount</c>, so the
/// ledger reads in order and two entries can never take the same number.
/// </summary>
public sealed class LedgerEntryEntity : ITableEntity
{
    public const string Prefix = "ledger-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Sequence { get; set; }

    public string Kind { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string ByEmail { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;

    public int? TrancheNumber { get; set; }

    public string? Reference { get; set; }

    public static string RowKeyFor(int sequence) => Prefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
