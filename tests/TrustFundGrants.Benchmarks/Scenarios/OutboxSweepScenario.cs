using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 14.6: one pass of <see cref="SweepOutbox"/> (the app's own, in process, on a clock the scenario steps)
/// over outbox tables holding 100 rows of other aggregates and then 100,000 (20,000 with <c>--quick</c>).
/// At each size a handful of changes commit their outbox rows through <see cref="Outbox.CommitAsync"/> and are
/// never released, as if their sends had failed; the passes that follow, a minute later, must send each of them
/// exactly once. Against the cross-partition query the sweeper made before the index, timed at both sizes.
/// </summary>
internal sealed class OutboxSweepScenario : IScenario
{
    public const double Target = 1.5;

    private const int Due = 5;

    private static readonly string[] OutboxTableNames = ["applications", "grants"];

    public string Name => "outbox-sweep";

    public string Description => "SweepOutbox once a minute at 100 and at 100,000 rows in the outbox tables, a few of them due";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (small, large, passes) = context.Quick ? (100, 20_000, 9) : (100, 100_000, 15);
        var tables = new TableServiceClient(context.ConnectionString);
        var queues = new QueueServiceClient(context.ConnectionString);
        foreach (var name in OutboxTableNames.Append(OutboxIndex.Table))
        {
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }

        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var outbox = new Outbox(queues, tables, clock, NullLogger<Outbox>.Instance);
        var sweep = new SweepOutbox(
            outbox, new OutboxIndex(tables), tables, new OutboxTables(OutboxTableNames.Select(n => new OutboxTable(n))), clock, NullLogger<SweepOutbox>.Instance);

        var table = new Table(
            Fmt.Inv($"outbox-sweep: SweepOutbox in process against Azurite, {passes} passes a minute apart (stepped clock) after {Due} changes whose release failed"),
            "rows in outbox tables", "sweep p50 ms", "sweep p95 ms", "releasing pass ms", "old scan p50 ms", "due sent", "sent twice");
        var p50s = new List<double>();
        var scans = new List<double>();
        var seeded = 0;
        var allSentOnce = true;
        foreach (var size in new[] { small, large })
        {
            BenchContext.Progress(Fmt.Inv($"outbox-sweep: seeding the outbox tables up to {size} rows"));
            await SeedAsync(tables, seeded, size, cancellationToken);
            seeded = size;

            // Settles the previous size's index rows, and at first makes the checkpoint (the one-off scan for rows staged before the index).
            clock.Step(SweepOutbox.Settle + TimeSpan.FromMinutes(2));
            await sweep.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), cancellationToken);

            var work = queues.GetQueueClient(Fmt.Inv($"bench-work-{size}"));
            await work.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var owed = await CommitDueAsync(tables, outbox, work.Name, cancellationToken);

            var times = new List<double>();
            for (var pass = 0; pass < passes; pass++)
            {
                clock.Step(pass == 0 ? SweepOutbox.Grace + TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1));
                var start = Stopwatch.GetTimestamp();
                await sweep.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), cancellationToken);
                times.Add(Latencies.Since(start));
            }

            var sent = await SentAsync(work, cancellationToken);
            var sentOnce = owed.All(id => sent.Count(s => s == id) == 1) && sent.Count == owed.Count;
            allSentOnce &= sentOnce;
            var scan = await OldScanAsync(tables, clock.GetUtcNow() - SweepOutbox.Grace, passes, cancellationToken);
            scans.Add(scan.P50);
            var s = new Latencies(times);
            p50s.Add(s.P50);
            table.Add(
                Fmt.Int(size), Fmt.Ms(s.P50), Fmt.Ms(s.P95), Fmt.Ms(times[0]), Fmt.Ms(scan.P50),
                Fmt.Inv($"{sent.Distinct().Count(owed.Contains)} of {owed.Count}"), Fmt.Int(sent.Count - sent.Distinct().Count()));
        }

        var ratio = p50s[1] / p50s[0];
        table.Add("ratio", Fmt.Ratio(ratio), "", "", Fmt.Ratio(scans[1] / scans[0]), "", "");
        table.Note(Fmt.Inv($"The rows are other aggregates' rows, 100 to a partition, in the two outbox tables. A pass reads the index minutes from its checkpoint (held {SweepOutbox.Settle.TotalMinutes:0} minutes back, until an outbox row that never came could no longer commit) to a minute ago, and makes a point read per index row there. The first timed pass releases the {Due} rows; the others find them gone and keep their index rows until they settle."));
        table.Note("Old scan: the query the sweeper made before the index (RowKey in the outbox range and CreatedAt before the cutoff, over every partition of each outbox table), read to the end. Azurite evaluates it over every entity of the table.");
        context.Check(new TargetCheck(
            "outbox-sweep", Fmt.Inv($"sweep p50 at {large} / at {small}"), Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.0}x"), ratio <= Target && allSentOnce,
            Fmt.Inv($"{Fmt.Ms(p50s[0])} ms vs {Fmt.Ms(p50s[1])} ms; due rows sent exactly once: {(allSentOnce ? "yes" : "NO")}; old scan {Fmt.Ms(scans[0])} vs {Fmt.Ms(scans[1])} ms")));
        return [table];
    }

    /// <summary>Rows of other aggregates, 100 to a partition, in entity-group transactions, 8 at a time.</summary>
    private static async Task SeedAsync(TableServiceClient tables, int from, int to, CancellationToken cancellationToken)
    {
        var batches = Enumerable.Range(from, to - from)
            .Chunk(100)
            .Select(chunk =>
            {
                var partition = Guid.CreateVersion7().ToString();
                return (Table: OutboxTableNames[chunk[0] / 100 % OutboxTableNames.Length], Rows: chunk.Select(i => new TableEntity(partition, Fmt.Inv($"row-{i:D7}"))
                {
                    ["Status"] = "Submitted",
                    ["Title"] = Fmt.Inv($"Project {i} for survivors' shelter and legal aid"),
                    ["AmountMinor"] = 1_000_000L + i,
                }).ToArray());
            })
            .ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await tables.GetTableClient(batch.Table).SubmitTransactionAsync(batch.Rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
    }

    /// <summary>Changes committed with their outbox rows through the outbox and never released; answers their message ids.</summary>
    private static async Task<List<string>> CommitDueAsync(TableServiceClient tables, Outbox outbox, string queue, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var i = 0; i < Due; i++)
        {
            var aggregate = Guid.CreateVersion7().ToString();
            var entry = outbox.Stage(aggregate, queue, new BenchWork(aggregate));
            await outbox.CommitAsync(
                tables.GetTableClient(OutboxTableNames[i % OutboxTableNames.Length]),
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(aggregate, "state") { ["Status"] = "Submitted" }),
                    new TableTransactionAction(TableTransactionActionType.Add, entry),
                ],
                cancellationToken);
            ids.Add(entry.RowKey[OutboxEntry.RowKeyPrefix.Length..]);
        }

        return ids;
    }

    /// <summary>The message ids on the work queue, one per message (a message sent twice appears twice).</summary>
    private static async Task<List<string>> SentAsync(QueueClient work, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var messages = (await work.PeekMessagesAsync(32, cancellationToken)).Value;
        foreach (var message in messages)
        {
            using var json = JsonDocument.Parse(message.Body.ToString());
            ids.Add(json.RootElement.GetProperty("messageId").GetString()!);
        }

        return ids;
    }

    private static async Task<Latencies> OldScanAsync(TableServiceClient tables, DateTimeOffset cutoff, int repeats, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {OutboxEntry.RowKeyPrefix} and RowKey lt {OutboxEntry.RowKeyEnd} and CreatedAt le {cutoff}");
        for (var r = 0; r < repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            foreach (var name in OutboxTableNames)
            {
                await foreach (var _ in tables.GetTableClient(name).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                }
            }

            times.Add(Latencies.Since(start));
        }

        return new Latencies(times);
    }

    private sealed record BenchWork(string AggregateId) : WorkMessage;

    /// <summary>The business clock the sweeper reads, stepped a minute at a time as its timer would be.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public void Step(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
