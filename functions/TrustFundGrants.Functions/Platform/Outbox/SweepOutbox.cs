using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Every minute, releases outbox rows older than a minute: the process stopped between the commit and the
/// release, or storage refused the send or the delete. A row only a moment old is left alone, since its own
/// release is most likely still on its way. Releases send straight to the work queue, so no backlog of
/// pointers can make a young row look stuck.
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
