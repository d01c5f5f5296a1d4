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
/// 1. <see cref="Stage"/> makes an outbox row that the caller commits in the same transaction as the change;
/// 2. <see cref="ReleaseAsync"/> then puts a pointer to that row on the outbox queue;
/// 3. <see cref="DispatchOutbox"/> sends the row's message to its queue and deletes the row;
/// 4. <see cref="SweepOutbox"/> re-releases rows whose pointer never arrived (a crash between 1 and 2).
/// A message may therefore be sent twice but never not at all; consumers are idempotent by message id.
/// </summary>
public sealed partial class Outbox(QueueServiceClient queues, TimeProvider time, ILogger<Outbox> logger)
{
    // A target queue is created on its first dispatch in this process, not on every one: that request
    // would otherwise double the storage calls of each dispatch in a deadline rush.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> created = new(StringComparer.Ordinal);

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
    /// Best effort: a failure here is logged, not thrown, because the change has already committed
    /// and the sweeper will release the row. The caller's request still succeeds.
    /// </summary>
    public async Task ReleaseAsync(string table, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            var pointer = new OutboxPointer(table, entry.PartitionKey, entry.RowKey);
            await queues.GetQueueClient(StorageLayout.OutboxQueue).SendMessageAsync(pointer.ToJson(), cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            // AggregateException is how the SDK reports storage unreachable once its retries are spent.
            LogReleaseFailed(logger, entry.RowKey, ex.Message.Split('\n')[0]);
        }
    }

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

    /// <summary>
    /// When the oldest pointer still waiting on the outbox queue was sent, or null when none waits (or
    /// the queue cannot say). A row younger than that may simply be queued behind it.
    /// </summary>
    public async Task<DateTimeOffset?> OldestWaitingPointerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var peeked = await queues.GetQueueClient(StorageLayout.OutboxQueue).PeekMessagesAsync(1, cancellationToken);
            return peeked.Value is [{ InsertedOn: { } at }, ..] ? at : null;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            LogPeekFailed(logger, ex.Message.Split('\n')[0]);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox queue not peeked; sweeping with the plain grace: {Reason}")]
    private static partial void LogPeekFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {RowKey} not released now; the sweeper will release it: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string rowKey, string reason);
}
