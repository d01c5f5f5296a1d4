using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// Remembers, in the application's partition, that a work message was handled, so a redelivery is
/// a no-op. RowKey: "done-{messageId}". Written in the same transaction as the change it guards
/// wherever the work is a storage change.
/// </summary>
internal static class ProcessedMarker
{
    public static string RowKey(string messageId) => "done-" + messageId;

    public static TableEntity For(string partitionKey, string messageId, DateTimeOffset at) =>
        new(partitionKey, RowKey(messageId)) { ["At"] = at };

    public static async Task<bool> ExistsAsync(TableClient table, string partitionKey, string messageId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey(messageId), ["PartitionKey"], cancellationToken)).HasValue;
}
