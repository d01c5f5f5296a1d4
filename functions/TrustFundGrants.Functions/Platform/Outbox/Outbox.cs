using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions.Platform.Telemetry;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// How a state change owes background work without ever losing it:
/// 1. <see cref="Stage"/> makes an outbox row that the caller commits in the same transaction as the change,
///    through <see cref="CommitAsync"/>, which first writes the row's <see cref="OutboxIndex"/> entry;
/// 2. <see cref="ReleaseAsync(string, IReadOnlyList{OutboxEntry}, CancellationToken)"/> then sends the row's
///    message straight to its work queue and deletes the row;
/// 3. <see cref="SweepOutbox"/> releases rows still there a minute later (the process stopped between 1 and 2,
///    or storage refused the send or the delete), finding them through the index.
/// A message may therefore be sent twice but never not at all; consumers are idempotent by message id.
/// (<see cref="DispatchOutbox"/> still serves pointers on the outbox queue, which releases used to send.)
/// </summary>
public sealed partial class Outbox(QueueServiceClient queues, TableServiceClient tables, TimeProvider time, ILogger<Outbox> logger)
{
    // A target queue is created on its first dispatch in this process, not on every one: that request
    // would otherwise double the storage calls of each dispatch in a deadline rush.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> created = new(StringComparer.Ordinal);

    private readonly OutboxIndex index = new(tables);

    public OutboxEntry Stage<T>(string partitionKey, string queue, T message)
        where T : WorkMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();

        // The runtime type, so a message passed as its base type still carries all its fields.
        var json = JsonSerializer.SerializeToNode(message, message.GetType(), OutboxJson.Options)!.AsObject();
        json["stagedAt"] = now;
        return new OutboxEntry
        {
            PartitionKey = partitionKey,
            RowKey = OutboxEntry.RowKeyPrefix + message.MessageId,
            Queue = queue,
            Message = json.ToJsonString(OutboxJson.Options),
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Submits a transaction that may add outbox rows. Each added row's index entry is written first: a crash
    /// between the two leaves an index entry whose row never came (the sweeper deletes it), never a row the
    /// sweeper cannot find. Answers as <see cref="TableClient.SubmitTransactionAsync"/> does, and throws as it does.
    /// </summary>
    public async Task<Response<IReadOnlyList<Response>>> CommitAsync(
        TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(actions);
        var staged = actions.Where(a => a.ActionType == TableTransactionActionType.Add).Select(a => a.Entity).OfType<OutboxEntry>().ToArray();
        await index.WriteAsync(table.Name, staged, time.GetUtcNow(), cancellationToken);
        return await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public Task ReleaseAsync(string table, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ReleaseAsync(table, [entry], cancellationToken);
    }

    /// <summary>
    /// Sends each committed row's message to its work queue (all at once), then deletes the rows that were
    /// sent (one transaction when they share a partition). Best effort: a failure is logged, not thrown,
    /// because the change has already committed and the sweeper releases whatever is left; the caller's
    /// request still succeeds. A row sent but not deleted is sent again by the sweeper, which its idempotent
    /// consumer ignores.
    /// </summary>
    public async Task ReleaseAsync(string table, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sent = await Task.WhenAll(entries.Select(e => TrySendAsync(e, cancellationToken)));
        var done = entries.Where((_, i) => sent[i]).ToArray();
        if (done.Length > 0)
        {
            await TryDeleteAsync(tables.GetTableClient(table), done, cancellationToken);
        }
    }

    private async Task<bool> TrySendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var target = queues.GetQueueClient(entry.Queue);

        // The hop from the change to its work queue, in the trace of the request (or sweep) that sends it.
        using var activity = AppTelemetry.Source.StartActivity("outbox send", System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag("messaging.system", "azure_queue");
        activity?.SetTag("messaging.destination.name", entry.Queue);
        activity?.SetTag("tfg.outbox.target", entry.Queue);
        try
        {
            try
            {
                await target.SendMessageAsync(entry.Message, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // The storage initializer creates every queue at start; one deleted since is created again.
                await target.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await target.SendMessageAsync(entry.Message, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            LogReleaseFailed(logger, entry.RowKey, ex.Message.Split('\n')[0]);
            return false;
        }
    }

    private async Task TryDeleteAsync(TableClient table, OutboxEntry[] sent, CancellationToken cancellationToken)
    {
        try
        {
            // An outbox row never changes once staged, so it is deleted whatever its ETag.
            if (sent.Length > 1 && sent.All(e => e.PartitionKey == sent[0].PartitionKey))
            {
                await table.SubmitTransactionAsync(sent.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
                return;
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // The sweeper deleted one of them meanwhile: delete the rest one by one.
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            LogDeleteFailed(logger, sent[0].RowKey, ex.Message.Split('\n')[0]);
            return;
        }

        await Task.WhenAll(sent.Select(e => TryDeleteAsync(table, e, cancellationToken)));
    }

    private async Task TryDeleteAsync(TableClient table, OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already released by the sweeper.
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            LogDeleteFailed(logger, entry.RowKey, ex.Message.Split('\n')[0]);
        }
    }

    // AggregateException is how the SDK reports storage unreachable once its retries are spent.
    private static bool IsStorageFailure(Exception ex) => ex is RequestFailedException or AggregateException or HttpRequestException;

    /// <summary>Sends a pending row's message and removes the row. A row already gone was already sent.</summary>
    public async Task DispatchAsync(TableClient table, OutboxPointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(pointer);
        var found = await table.GetEntityIfExistsAsync<OutboxEntry>(pointer.PartitionKey, pointer.RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is null)
        {
            return;
        }

        var entry = found.Value;
        using var activity = AppTelemetry.StartConsumer("outbox dispatch", StorageLayout.OutboxQueue, TraceParentOf(entry.Message), entry.CreatedAt, time.GetUtcNow());
        activity?.SetTag("tfg.outbox.target", entry.Queue);
        var target = queues.GetQueueClient(entry.Queue);
        await EnsureCreatedAsync(entry.Queue, target, cancellationToken);
        await target.SendMessageAsync(entry.Message, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // A concurrent delivery of the same pointer got there first; its send and ours carry the same message id.
        }
    }

    private static string? TraceParentOf(string message)
    {
        try
        {
            return JsonNode.Parse(message)?["traceParent"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task EnsureCreatedAsync(string name, QueueClient queue, CancellationToken cancellationToken)
    {
        var creation = created.GetOrAdd(name, _ => new Lazy<Task>(() => queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        try
        {
            await creation.Value;
        }
        catch
        {
            // A failed creation is tried again by the next dispatch rather than remembered.
            created.TryRemove(name, out _);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowKey} not released now; the sweeper will release it: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string rowKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowKey} sent but not deleted; the sweeper will send it again: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string rowKey, string reason);
}
