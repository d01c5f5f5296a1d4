using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Every minute, releases outbox rows older than a minute: their pointer was lost (the process
/// stopped between commit and release) or their dispatch failed. Rows only a moment old are left
/// alone, since their own release is most likely still on its way.
/// </summary>
public sealed class SweepOutbox(Outbox outbox, TableServiceClient tables, OutboxTables outboxTables, TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [Function(nameof(SweepOutbox))]
    public async Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Grace;
        foreach (var name in outboxTables.Names)
        {
            var table = tables.GetTableClient(name);
            var filter = TableClient.CreateQueryFilter(
                $"RowKey ge {OutboxEntry.RowKeyPrefix} and RowKey lt {OutboxEntry.RowKeyEnd} and CreatedAt le {cutoff}");
            await foreach (var entry in table.QueryAsync<OutboxEntry>(filter, cancellationToken: cancellationToken))
            {
                await outbox.ReleaseAsync(name, entry, cancellationToken);
            }
        }
    }
}
