using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Platform.Audit;

/// <summary>
/// One change, append-only. PartitionKey: the target ("organisation:{id}", "user:{id}"), so a
/// target's history is one partition. RowKey: inverted ticks then a unique id, so a partition reads
/// newest first and two changes in the same tick never collide.
/// </summary>
public sealed class AuditEntry : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ActorId { get; set; } = string.Empty;

    public string ActorEmail { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>JSON summary of the state before the change; empty for a creation.</summary>
    public string Before { get; set; } = string.Empty;

    /// <summary>JSON summary of the state after the change; empty for a deletion.</summary>
    public string After { get; set; } = string.Empty;
}
