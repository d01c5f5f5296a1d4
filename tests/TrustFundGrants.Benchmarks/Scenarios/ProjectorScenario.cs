using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 11: a backlog of 10,000 projection events (2,000 with --quick) drained by the runner's queue-triggered
/// projector, against the raw receive + transaction + delete the same events need, by 16 workers. Twenty funds,
/// each with grants and pledges seeded as the grant and contribution functions leave them
/// (<see cref="FundSeed"/>); each grant owes two events (grant committed, tranche paid) and each pledge one
/// (contribution received), enqueued shuffled before the runner starts, so duplicates of a grant's facts and
/// out-of-order arrival are part of the drain. Checked after: every event's marker exists, nothing in poison,
/// each fund's dashboard equals the seeded totals and a rebuild from the source rows agrees with it.
/// </summary>
internal sealed class ProjectorScenario : IScenario
{
    private const int Funds = 20;
    private const int PledgesPerFund = 10;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public string Name => "projector";

    public string Description => "projector drains 10,000 events (no loss, totals = recomputation) vs raw receive + upsert";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Quick ? 2_000 : 10_000;
        var grantsPerFund = (events - (Funds * PledgesPerFund)) / 2 / Funds;
        var tables = new TableServiceClient(context.ConnectionString);
        var queues = new QueueServiceClient(context.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        BenchContext.Progress(Fmt.Inv($"projector: seeding {Funds} funds of {grantsPerFund} grants and {PledgesPerFund} pledges"));
        var funds = new List<(string Id, Expected Expected)>();
        var messages = new List<ProjectionEvent>();
        var now = DateTimeOffset.UtcNow;
        for (var f = 0; f < Funds; f++)
        {
            var fundId = await FundSeed.FundAsync(tables, Fmt.Inv($"Fund {f}"), cancellationToken);
            var grants = await FundSeed.GrantsAsync(tables, fundId, grantsPerFund, cancellationToken);
            var pledges = await FundSeed.PledgesAsync(tables, fundId, PledgesPerFund, cancellationToken);
            funds.Add((fundId, FundSeed.Expected(grants, pledges)));
            messages.AddRange(grants.SelectMany(g => new[]
            {
                new ProjectionEvent(ProjectionEvent.GrantCommitted, fundId, g.PartitionKey, now),
                new ProjectionEvent(ProjectionEvent.TranchePaid, fundId, g.PartitionKey, now),
            }));
            messages.AddRange(pledges.Select(_ => new ProjectionEvent(ProjectionEvent.ContributionReceived, fundId, null, now)));
        }

        var backlog = messages.ToArray();
        Random.Shared.Shuffle(backlog);
        BenchContext.Progress(Fmt.Inv($"projector: enqueueing {backlog.Length} events before the runner starts"));
        // The runner's queue listeners start beside its storage initializer; in a deployment the table already exists.
        await tables.CreateTableIfNotExistsAsync(ProjectionRows.Table, cancellationToken);
        var queue = queues.GetQueueClient(ProjectionEvent.Queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await SendAsync(queue, backlog, cancellationToken);

        var start = Stopwatch.GetTimestamp();
        var (runner, _) = await RunnerHost.StartAsync(context, GrantApi.RunnerSettings(), null, null, cancellationToken);
        double drainMs;
        int applied, poisoned;
        List<string> wrong = [];
        var agreed = 0;
        try
        {
            await WaitEmptyAsync(queue, start, cancellationToken);
            drainMs = Latencies.Since(start);
            applied = await CountMarkersAsync(tables.GetTableClient(ProjectionRows.Table), backlog, cancellationToken);
            poisoned = await CountAsync(queues.GetQueueClient(ProjectionEvent.Queue + "-poison"), cancellationToken);
            var projector = runner.Services.GetRequiredService<FundProjector>();
            var rebuilder = runner.Services.GetRequiredService<ProjectionRebuilder>();
            foreach (var (fundId, expected) in funds)
            {
                var (projection, _) = await projector.ReadAsync(fundId, cancellationToken);
                var shown = new Expected(projection.Grants, projection.Totals.Committed, projection.Totals.Disbursed, projection.Totals.Received);
                if (shown != expected)
                {
                    wrong.Add(Fmt.Inv($"fund …{fundId[^6..]}: grants {shown.Grants} / {expected.Grants}, committed {shown.Committed} / {expected.Committed}, disbursed {shown.Disbursed} / {expected.Disbursed}, received {shown.Received} / {expected.Received} (dashboard / seeded)"));
                }

                agreed += (await rebuilder.RebuildAsync(fundId, cancellationToken)).Agreed ? 1 : 0;
            }
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }

        BenchContext.Progress("projector: raw receive + transaction + delete of the same events");
        var rawMs = await RawAsync(tables, queues, backlog, cancellationToken);
        var (appRate, rawRate) = (backlog.Length / (drainMs / 1000), backlog.Length / (rawMs / 1000));
        var table = new Table(Fmt.Inv($"projector: backlog of {backlog.Length} events over {Funds} funds"), "path", "events", "seconds", "events/s");
        table.Add("runner start + projector drain (host.json: batchSize 16, newBatchThreshold 8)", Fmt.Int(backlog.Length), Fmt.Inv($"{drainMs / 1000:0.0}"), Fmt.Rate(appRate));
        table.Add("raw: receive 16, one 3-row upsert transaction per event, delete; 16 workers", Fmt.Int(backlog.Length), Fmt.Inv($"{rawMs / 1000:0.0}"), Fmt.Rate(rawRate));
        table.Add("throughput projector / raw", string.Empty, string.Empty, Fmt.Ratio(appRate / rawRate));
        table.Note(Fmt.Inv($"Markers {applied} of {backlog.Length}; poison {poisoned}; funds equal to the seeded totals {Funds - wrong.Count} of {Funds}; rebuild agreed {agreed} of {Funds}."));
        table.Note("Per grant event the projector reads its marker, the dashboard row, the grant's facts row and the grant through IGrantSource, then commits facts, dashboard and marker in one transaction; events of one fund contend on the dashboard row's ETag.");
        wrong.Take(3).ToList().ForEach(table.Note);
        context.Check(new TargetCheck(Name, "backlog drained, each event applied once", Fmt.Inv($"{applied} marked, {poisoned} poisoned"), Fmt.Inv($"{backlog.Length}, 0"),
            applied == backlog.Length && poisoned == 0, Fmt.Inv($"{Fmt.Rate(appRate)} events/s vs {Fmt.Rate(rawRate)} raw ({Fmt.Ratio(appRate / rawRate)})")));
        context.Check(new TargetCheck(Name, "dashboards equal the seeded totals and a rebuild", Fmt.Inv($"{Funds - wrong.Count} equal, {agreed} agreed"), Fmt.Inv($"{Funds}, {Funds}"),
            wrong.Count == 0 && agreed == Funds, "grants, committed, disbursed, received per fund"));
        return [table];
    }

    private static async Task SendAsync(QueueClient queue, IEnumerable<ProjectionEvent> messages, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (m, ct) =>
            await queue.SendMessageAsync(JsonSerializer.Serialize(m, Web), ct));

    // The approximate count includes messages leased and not yet deleted, so zero means every one was handled.
    private static async Task WaitEmptyAsync(QueueClient queue, long start, CancellationToken cancellationToken)
    {
        while (await CountAsync(queue, cancellationToken) > 0)
        {
            if (Latencies.Since(start) > 1_500_000)
            {
                throw new TimeoutException("The projection backlog did not drain in 25 minutes.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken) =>
        await queue.ExistsAsync(cancellationToken) ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;

    private static async Task<int> CountMarkersAsync(TableClient projections, IReadOnlyList<ProjectionEvent> backlog, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fundId in backlog.Select(e => e.FundId).Distinct(StringComparer.Ordinal))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {fundId} and RowKey ge {"done-"} and RowKey lt {"done."}");
            await foreach (var row in projections.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                found.Add(row.RowKey);
            }
        }

        return backlog.Count(e => found.Contains(ProcessedMarker.RowKey(e.MessageId)));
    }

    private static async Task<double> RawAsync(TableServiceClient tables, QueueServiceClient queues, ProjectionEvent[] backlog, CancellationToken cancellationToken)
    {
        var rawQueue = queues.GetQueueClient("benchraw" + Guid.NewGuid().ToString("N")[..8]);
        await rawQueue.CreateAsync(cancellationToken: cancellationToken);
        var rawTable = tables.GetTableClient("benchraw" + Guid.NewGuid().ToString("N")[..8]);
        await rawTable.CreateAsync(cancellationToken);
        await SendAsync(rawQueue, backlog, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), cancellationToken, async (_, ct) =>
        {
            while (Volatile.Read(ref done) < backlog.Length)
            {
                var received = (await rawQueue.ReceiveMessagesAsync(16, cancellationToken: ct)).Value;
                if (received.Length == 0)
                {
                    await Task.Delay(50, ct);
                    continue;
                }

                foreach (var message in received)
                {
                    var e = JsonSerializer.Deserialize<ProjectionEvent>(message.Body.ToString(), Web)!;
                    await rawTable.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.UpsertReplace, new TableEntity(e.FundId, ProjectionRows.GrantPrefix + (e.GrantId ?? e.MessageId)) { ["Data0"] = "{}", ["Chunks"] = 1 }),
                        new(TableTransactionActionType.UpsertReplace, new TableEntity(e.FundId, ProjectionRows.Fund) { ["Data0"] = "{}", ["Chunks"] = 1 }),
                        new(TableTransactionActionType.UpsertReplace, ProcessedMarker.For(e.FundId, e.MessageId, DateTimeOffset.UtcNow)),
                    ], ct);
                    await rawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    Interlocked.Increment(ref done);
                }
            }
        });
        return Latencies.Since(start);
    }
}
