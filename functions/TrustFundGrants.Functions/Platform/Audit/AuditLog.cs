using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Platform.Audit;

/// <summary>
/// Who changed what, when: every state change in the app is recorded here, atomically with the change.
/// A change stages its entry as an outbox row in its own partition and commits it in the same
/// transaction (<see cref="CommitAsync"/> does both), so no committed change ever lacks its entry;
/// <see cref="WriteAuditEntry"/> then writes the entry once, however often its message arrives.
/// <code>
/// var entry = audit.Stage(row.PartitionKey, caller, "thing.changed", "thing:" + id, before, after);
/// var etags = await audit.CommitAsync(store.Client, [new(TableTransactionActionType.UpdateReplace, row, row.ETag)], entry, ct);
/// </code>
/// A table whose rows stage entries is registered with <c>AddOutboxTable</c>.
/// </summary>
public sealed class AuditLog(TableServiceClient tables, Outbox.Outbox outbox, TimeProvider time)
{
    public const string Table = "audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TableClient Client => tables.GetTableClient(Table);

    /// <summary>The outbox row owing the entry; commit it in the change's transaction (same table and partition).</summary>
    public OutboxEntry Stage(string partitionKey, Caller actor, string action, string target, object? before, object? after)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Stage(partitionKey, actor.UserId, actor.Email, action, target, before, after);
    }

    public OutboxEntry Stage(string partitionKey, string actorId, string actorEmail, string action, string target, object? before, object? after) =>
        outbox.Stage(
            partitionKey,
            AuditMessage.Queue,
            new AuditMessage(
                actorId,
                actorEmail,
                action,
                target,
                time.GetUtcNow(),
                before is null ? string.Empty : JsonSerializer.Serialize(before, Json),
                after is null ? string.Empty : JsonSerializer.Serialize(after, Json)));

    /// <summary>
    /// Commits <paramref name="changes"/> and the staged entry in one transaction, then releases the entry and
    /// every other outbox row the changes add, together (best effort: the outbox sweeper releases them if this
    /// process stops first). Answers the new ETag of each change, in order. A refused change throws
    /// <see cref="TableTransactionFailedException"/> (a <see cref="RequestFailedException"/> with the refused
    /// action's status) and stages nothing.
    /// </summary>
    public async Task<IReadOnlyList<ETag>> CommitAsync(
        TableClient table, IReadOnlyList<TableTransactionAction> changes, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(changes);
        var response = await outbox.CommitAsync(table, [.. changes, new TableTransactionAction(TableTransactionActionType.Add, entry)], cancellationToken);
        var owed = changes.Where(c => c.ActionType == TableTransactionActionType.Add).Select(c => c.Entity).OfType<OutboxEntry>().Append(entry).ToArray();
        await outbox.ReleaseAsync(table.Name, owed, cancellationToken);
        return response.Value.Take(changes.Count).Select(r => r.Headers.ETag ?? default).ToArray();
    }

    /// <summary>For a change that commits its own transaction with the staged entry in it.</summary>
    public Task ReleaseAsync(string table, OutboxEntry entry, CancellationToken cancellationToken) =>
        outbox.ReleaseAsync(table, entry, cancellationToken);

    /// <summary>
    /// The row an entry is kept in. RowKey: inverted ticks of the change then its message id, so a target's
    /// history reads newest first and every delivery of one message names the same row.
    /// </summary>
    public static AuditEntry EntryFor(AuditMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AuditEntry
        {
            PartitionKey = message.Target,
            RowKey = (DateTimeOffset.MaxValue.Ticks - message.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.Parse(message.MessageId).ToString("N"),
            ActorId = message.ActorId,
            ActorEmail = message.ActorEmail,
            Action = message.Action,
            At = message.At,
            Before = message.Before,
            After = message.After,
        };
    }
}
