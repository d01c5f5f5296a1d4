using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Remembers that a work message was handled, so a redelivery is a no-op: every idempotent consumer
/// uses this one shape. It lives in the partition of the rows the work changes (an application's round,
/// a grant) with RowKey "done-{messageId}", and is written in the same transaction as the change it guards.
/// An email cannot join a transaction, so <see cref="Email.EmailOnce"/> claims its message under the same key instead.
/// </summary>
public static class ProcessedMarker
{
    public static string RowKey(string messageId) => "done-" + messageId;

    public static TableEntity For(string partitionKey, string messageId, DateTimeOffset at) =>
        new(partitionKey, RowKey(messageId)) { ["At"] = at };

    public static async Task<bool> ExistsAsync(TableClient table, string partitionKey, string messageId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey(messageId), ["PartitionKey"], cancellationToken)).HasValue;
}
