using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Every minute, releases outbox rows older than a minute: their pointer was lost (the process
/// stopped between commit and release) or their dispatch failed. Rows only a moment old are left
/// alone, since their own release is most likely still on its way. In a backlog (a deadline rush)
/// pointers wait in the queue longer than that: then only rows older than the oldest waiting pointer
/// are released again, since a younger row's pointer may still be queued behind it.
/// </summary>
public sealed class SweepOutbox(Outbox outbox, TableServiceClient tables, OutboxTables outboxTables, TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    // The queue stamps InsertedOn with the storage service's clock, the row's CreatedAt is the app's.
    private static readonly TimeSpan QueueClockSkew = TimeSpan.FromSeconds(5);

    [Function(nameof(SweepOutbox))]
    public async Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Grace;
        if (await outbox.OldestWaitingPointerAsync(cancellationToken) is { } oldest && oldest - QueueClockSkew < cutoff)
        {
            cutoff = oldest - QueueClockSkew;
        }

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
