using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>
/// The running total of approved amounts in a round, in the round's partition of the applications
/// table (RowKey "ledger"), so a decision and the total it changes commit in one transaction and two
/// concurrent approvals cannot both take the envelope's last dollars.
/// </summary>
public sealed class RoundLedger : ITableEntity
{
    public const string Row = "ledger";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long ApprovedMinor { get; set; }
}
