using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The storage requests a scenario's app made (counted by <see cref="StorageCalls"/>, per call), sent raw
/// with the Azure SDK at the same concurrency on the same Azurite, one kind after another, in a table and a
/// queue of their own: the time the storage work alone takes, to set the app's end-to-end time against.
/// Each queue message the app sent also costs its consumer a receive and a delete (the runner's listener
/// makes those on clients of its own, which <see cref="StorageCalls"/> does not see), so one of each is
/// added per message sent.
/// </summary>
internal sealed class RawReplay(string connectionString, int workers)
{
    private const int Seeded = 200;

    private readonly TableClient table = new(connectionString, "benchreplay" + Guid.NewGuid().ToString("N")[..8]);
    private readonly QueueClient queue = new(connectionString, "bench-replay-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string partition = Guid.CreateVersion7().ToString();

    public sealed record Step(string Kind, long Count, double Seconds);

    /// <summary>Replays <paramref name="calls"/> (by <see cref="StorageCalls"/>' kind) kind by kind; answers each kind's time.</summary>
    public async Task<IReadOnlyList<Step>> RunAsync(IReadOnlyDictionary<string, long> calls, TableEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await SeedAsync(Seeded, row, "seed-", cancellationToken);

        long Of(string prefix) => calls.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);
        var sends = Of("queue send ");
        var steps = new List<Step>();
        async Task Time(string kind, long count, Func<long, CancellationToken, Task> op)
        {
            if (count > 0)
            {
                steps.Add(new Step(kind, count, await ParallelAsync(count, op, cancellationToken)));
            }
        }

        await Time("table point read", Of("table point read "), (i, ct) => table.GetEntityIfExistsAsync<TableEntity>(partition, Key("seed-", i % Seeded), cancellationToken: ct));
        await Time("table query (a few rows)", Of("table query "), (i, ct) => DrainAsync(table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Key("seed-", i % (Seeded - 2))} and RowKey lt {Key("seed-", (i % (Seeded - 2)) + 2)}"), cancellationToken: ct)));
        await Time("table insert", Of("table insert "), (i, ct) => table.AddEntityAsync(Copy(row, partition, Key("insert-", i)), ct));
        await Time("table update (replace)", Of("table update "), (i, ct) => table.UpdateEntityAsync(Copy(row, partition, Key("seed-", i % Seeded)), Azure.ETag.All, TableUpdateMode.Replace, ct));
        await Time("table transaction (3 rows)", Of("table transaction"), (i, ct) => table.SubmitTransactionAsync(
            Enumerable.Range(0, 3).Select(r => new TableTransactionAction(TableTransactionActionType.Add, Copy(row, "tx-" + i, Key("r", r)))).ToArray(), ct));
        var deletes = Of("table delete ");
        await SeedAsync(deletes, row, "delete-", cancellationToken);
        await Time("table delete", deletes, (i, ct) => table.DeleteEntityAsync(partition, Key("delete-", i), Azure.ETag.All, ct));

        await Time("queue send", sends, (i, ct) => queue.SendMessageAsync("{\"messageId\":\"" + Guid.CreateVersion7() + "\"}", ct));
        var receipts = new ConcurrentQueue<(string Id, string Receipt)>();
        await Time("queue receive (the app's, plus one per message sent)", Of("queue receive ") + sends, async (_, ct) =>
        {
            foreach (var m in (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), ct)).Value)
            {
                receipts.Enqueue((m.MessageId, m.PopReceipt));
            }
        });
        var updates = Of("queue update ");
        await Time("queue update (visibility)", Math.Min(updates, receipts.Count), async (_, ct) =>
        {
            if (receipts.TryDequeue(out var r))
            {
                try
                {
                    var updated = await queue.UpdateMessageAsync(r.Id, r.Receipt, visibilityTimeout: TimeSpan.FromMinutes(5), cancellationToken: ct);
                    receipts.Enqueue((r.Id, updated.Value.PopReceipt));
                }
                catch (Azure.RequestFailedException ex) when (ex.Status is 400 or 404)
                {
                    // Its visibility ran out while Azurite stalled and another receive took it: the request was still made.
                }
            }
        });
        await Time("queue delete (the app's, plus one per message sent)", Of("queue delete ") + sends, async (_, ct) =>
        {
            if (receipts.TryDequeue(out var r))
            {
                try
                {
                    await queue.DeleteMessageAsync(r.Id, r.Receipt, ct);
                }
                catch (Azure.RequestFailedException ex) when (ex.Status is 400 or 404)
                {
                    // As above: the receipt went stale during a stall; the request was still made.
                }
            }
        });
        var other = calls.Where(c => !Known(c.Key)).Sum(c => c.Value);
        await Time("other (queue create, properties, blob): as a queue properties read", other, (_, ct) => queue.GetPropertiesAsync(ct));

        await table.DeleteAsync(CancellationToken.None);
        await queue.DeleteAsync(CancellationToken.None);
        return steps;
    }

    private static readonly string[] Replayed =
        ["table point read ", "table query ", "table insert ", "table update ", "table transaction", "table delete ", "queue send ", "queue receive ", "queue update ", "queue delete "];

    private static bool Known(string kind) => Replayed.Any(p => kind.StartsWith(p, StringComparison.Ordinal));

    private async Task SeedAsync(long count, TableEntity row, string prefix, CancellationToken cancellationToken)
    {
        var batches = Enumerable.Range(0, (int)((count + 99) / 100)).ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (b, ct) =>
        {
            var keys = Enumerable.Range(b * 100, (int)Math.Min(100, count - (b * 100L)));
            await table.SubmitTransactionAsync(keys.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(row, partition, Key(prefix, k)))).ToArray(), ct);
        });
    }

    private async Task<double> ParallelAsync(long count, Func<long, CancellationToken, Task> op, CancellationToken cancellationToken)
    {
        var next = -1L;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                long i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await op(i, cancellationToken);
                }
            },
            cancellationToken)));
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task DrainAsync(Azure.AsyncPageable<TableEntity> rows)
    {
        await foreach (var _ in rows)
        {
        }
    }

    private static string Key(string prefix, long i) => prefix + i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity Copy(TableEntity source, string partitionKey, string rowKey) => BenchEntities.Copy(source, partitionKey, rowKey);
}
