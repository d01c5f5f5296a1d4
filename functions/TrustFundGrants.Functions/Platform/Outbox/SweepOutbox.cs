using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Every minute, releases outbox rows older than a minute: the process stopped between the commit and the
/// release, or storage refused the send or the delete. A row only a moment old is left alone, since its own
/// release is most likely still on its way. Releases send straight to the work queue, so no backlog of
/// pointers can make a young row look stuck.
/// The sweep reads only the <see cref="OutboxIndex"/> minutes from its checkpoint to now, and a point read
/// per index row, so its cost follows how many changes were made lately, not how many rows the tables hold.
/// </summary>
public sealed partial class SweepOutbox(
    Outbox outbox, OutboxIndex index, TableServiceClient tables, OutboxTables outboxTables, TimeProvider time, ILogger<SweepOutbox> logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its index row an outbox row may still commit: the storage client's four tries of at most
    /// 30 seconds each, with their back-off, and room to spare. Only then does a missing outbox row mean
    /// "released" rather than "not committed yet", and only then may its index row, and its minute, go.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(5);

    /// <summary>A sweep that fell far behind (the app was stopped) catches up this many minutes per run.</summary>
    public const int MaxMinutesPerSweep = 120;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Function(nameof(SweepOutbox))]
    public async Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - Grace;
        var checkpoint = await index.ReadCheckpointAsync(cancellationToken);
        if (checkpoint is null)
        {
            // The first sweep with an index: rows staged before it have no index row, so look for them once the old way.
            await SweepEveryTableAsync(cutoff, cancellationToken);
        }

        // Never start later than the minutes that may still fill: a clock set back must not hide them.
        var recent = OutboxIndex.MinuteOf(now - Settle) - Minute;
        var start = checkpoint is null || checkpoint.Next > recent ? recent : checkpoint.Next;
        DateTimeOffset? next = null;
        var minute = start;
        for (var read = 0; minute <= cutoff && read < MaxMinutesPerSweep; minute += Minute, read++)
        {
            var left = await SweepMinuteAsync(minute, now, cutoff, cancellationToken);
            if (next is null && (left > 0 || minute + Minute + Settle > now))
            {
                next = minute;
            }
        }

        next ??= minute;
        if (checkpoint is null || next != checkpoint.Next)
        {
            await index.SaveCheckpointAsync(checkpoint, next.Value, cancellationToken);
        }
    }

    /// <summary>Releases the due rows one minute of the index points at; answers how many index rows it keeps.</summary>
    private async Task<int> SweepMinuteAsync(DateTimeOffset minute, DateTimeOffset now, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var left = 0;
        await foreach (var row in index.ReadMinuteAsync(minute, cancellationToken))
        {
            if (row.At > cutoff)
            {
                left++;
                continue;
            }

            // The index is storage, not a person, but names a table all the same: only declared outboxes are read.
            if (!outboxTables.Contains(row.Table))
            {
                LogUnknownTable(logger, row.Table, row.RowKey);
                await index.DeleteAsync(row, cancellationToken);
                continue;
            }

            var table = tables.GetTableClient(row.Table);
            var found = await table.GetEntityIfExistsAsync<OutboxEntry>(row.OutboxPartitionKey, row.OutboxRowKey, cancellationToken: cancellationToken);
            if (found.HasValue && found.Value is { } entry)
            {
                // Kept: the next sweep finds the row gone (released) or still there (the release failed; again).
                await outbox.ReleaseAsync(row.Table, entry, cancellationToken);
                left++;
            }
            else if (row.At + Settle <= now)
            {
                await index.DeleteAsync(row, cancellationToken);
            }
            else
            {
                left++;
            }
        }

        return left;
    }

    private async Task SweepEveryTableAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox index row {RowKey} names table {Table}, which has no outbox; deleted")]
    private static partial void LogUnknownTable(ILogger logger, string table, string rowKey);
}
