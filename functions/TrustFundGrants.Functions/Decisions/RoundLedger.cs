using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>
/// The running total of approved amounts in a round, in the round's partition of the applications
/// table (RowKey "ledger"), so a decision and the total it changes commit in one transaction and two
/// concurrent approvals cannot both take the envelope's last dollars. It always equals the sum of the
/// approvals held and released in the round (see Domain's RoundLedgerRule).
/// </summary>
public sealed class RoundLedger : ITableEntity
{
    public const string Row = "ledger";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long ApprovedMinor { get; set; }

    /// <summary>The round's ledger as stored, or a new one at zero (its ETag empty) before the first approval.</summary>
    public static async Task<RoundLedger> ReadAsync(TableClient applications, string roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var read = await applications.GetEntityIfExistsAsync<RoundLedger>(roundId, Row, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value! : new RoundLedger { PartitionKey = roundId };
    }

    /// <summary>The write that sets the total, conditional on this read: a replace under its ETag, or an add that fails if another created it first.</summary>
    public TableTransactionAction WriteTotal(long approvedMinor)
    {
        var read = ETag;
        ApprovedMinor = approvedMinor;
        return read == default
            ? new TableTransactionAction(TableTransactionActionType.Add, this)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, this, read);
    }
}
