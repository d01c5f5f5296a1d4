using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>Moves one released outbox row onto its work queue.</summary>
public sealed class DispatchOutbox(Outbox outbox, TableServiceClient tables, OutboxTables outboxTables)
{
    [Function(nameof(DispatchOutbox))]
    public async Task Run([QueueTrigger(StorageLayout.OutboxQueue)] string message, CancellationToken cancellationToken)
    {
        var pointer = OutboxPointer.Parse(message);

        // Only tables that declared an outbox may be touched: the pointer comes off a queue, not from a person,
        // but a queue is still input.
        if (!outboxTables.Contains(pointer.Table))
        {
            throw new FormatException($"Table '{pointer.Table}' has no outbox.");
        }

        await outbox.DispatchAsync(tables.GetTableClient(pointer.Table), pointer, cancellationToken);
    }
}
