using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Work that a state change owes, stored beside the aggregate it belongs to.
/// PartitionKey: the aggregate's own partition, so the change and this row commit in one
/// entity-group transaction. RowKey: <c>outbox-{messageId}</c>, a prefix no aggregate row uses,
/// so the sweeper finds pending rows with one range filter.
/// </summary>
public sealed class OutboxEntry : ITableEntity
{
    public const string RowKeyPrefix = "outbox-";

    // The first key after every "outbox-..." key: '.' follows '-' in ordinal order.
    public const string RowKeyEnd = "outbox.";

    /// <summary>
    /// Leaves outbox rows out of a query over a partition that also holds them; every query that could
    /// match a row by its partition alone ANDs this in.
    /// </summary>
    public static string ExcludedFilter { get; } = TableClient.CreateQueryFilter($"(RowKey lt {RowKeyPrefix} or RowKey ge {RowKeyEnd})");

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The queue the work goes to.</summary>
    public string Queue { get; set; } = string.Empty;

    /// <summary>The work message as JSON, sent unchanged.</summary>
    public string Message { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
