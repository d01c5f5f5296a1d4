using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Where the sweeper finds outbox rows without reading the tables that hold them.
/// PartitionKey: <c>due-yyyyMMddHHmm</c>, the UTC minute the index row was written, so one sweep reads only
/// the few minutes it owes. RowKey: <c>{table}~{partitionKey}~{rowKey}</c> of the outbox row (the table and
/// row key hold no '~', so it names one row). The sweep's checkpoint lives in partition
/// <see cref="CheckpointPartition"/>, apart from every minute.
/// An index row is written before the commit that adds its outbox row, so a crash can leave an index row
/// without an outbox row (the sweeper deletes it) but never an outbox row without an index row.
/// </summary>
public sealed class OutboxIndex(TableServiceClient tables)
{
    public const string Table = "outboxindex";

    public const string CheckpointPartition = "checkpoint";

    public const string CheckpointRow = "sweep";

    private const string MinutePrefix = "due-";

    public TableClient Client => tables.GetTableClient(Table);

    public static DateTimeOffset MinuteOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    public static string PartitionOf(DateTimeOffset minute) =>
        MinutePrefix + MinuteOf(minute).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static OutboxIndexRow RowFor(string table, OutboxEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new OutboxIndexRow
        {
            PartitionKey = PartitionOf(at),
            RowKey = $"{table}~{entry.PartitionKey}~{entry.RowKey}",
            Table = table,
            OutboxPartitionKey = entry.PartitionKey,
            OutboxRowKey = entry.RowKey,
            At = at,
        };
    }

    /// <summary>
    /// Writes one index row per entry, a transaction per minute. Upserts, so that the SDK resending a write
    /// whose answer was lost, or a change retried after a conflict, writes the same rows again without failing.
    /// </summary>
    public async Task WriteAsync(string table, IReadOnlyList<OutboxEntry> entries, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var rows = entries.Select(e => RowFor(table, e, at)).DistinctBy(r => r.RowKey).ToArray();
        if (rows.Length == 1)
        {
            await Client.UpsertEntityAsync(rows[0], TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await Client.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
    }

    public AsyncPageable<OutboxIndexRow> ReadMinuteAsync(DateTimeOffset minute, CancellationToken cancellationToken) =>
        Client.QueryAsync<OutboxIndexRow>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(minute)}"), cancellationToken: cancellationToken);

    /// <summary>Deletes an index row unless it was written again since it was read (then its ETag moved).</summary>
    public async Task DeleteAsync(OutboxIndexRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            await Client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Another sweep deleted it, or a retried change wrote it again: the next sweep looks again.
        }
    }

    public async Task<OutboxSweepCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var found = await Client.GetEntityIfExistsAsync<OutboxSweepCheckpoint>(CheckpointPartition, CheckpointRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Moves the checkpoint to <paramref name="next"/>, conditional on the checkpoint read (none: it must still
    /// be missing). A sweep that loses to another leaves the other's checkpoint: either is safe, since a
    /// checkpoint only ever passes minutes that are empty for good.
    /// </summary>
    public async Task SaveCheckpointAsync(OutboxSweepCheckpoint? read, DateTimeOffset next, CancellationToken cancellationToken)
    {
        try
        {
            if (read is null)
            {
                await Client.AddEntityAsync(new OutboxSweepCheckpoint { Next = next }, cancellationToken);
            }
            else
            {
                read.Next = next;
                await Client.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A concurrent sweep saved its own.
        }
    }
}

/// <summary>Points at one outbox row that may still owe its message (keys on <see cref="OutboxIndex"/>).</summary>
public sealed class OutboxIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Table { get; set; } = string.Empty;

    public string OutboxPartitionKey { get; set; } = string.Empty;

    public string OutboxRowKey { get; set; } = string.Empty;

    /// <summary>When the index row was written: its outbox row, if it ever commits, commits after this.</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>The first minute whose index partition the sweeper has not yet emptied for good.</summary>
public sealed class OutboxSweepCheckpoint : ITableEntity
{
    public string PartitionKey { get; set; } = OutboxIndex.CheckpointPartition;

    public string RowKey { get; set; } = OutboxIndex.CheckpointRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset Next { get; set; }
}
