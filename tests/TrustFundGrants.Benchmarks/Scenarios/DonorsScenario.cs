using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Exports;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 11's figures. (1) GET /api/funds/{id}/dashboard, anonymous, through the runner, on a fund of 100 and
/// one of 100,000 grants, against a raw point read of the projection row, interleaved blocks. The dashboard
/// reads one projection row whatever the fund's size, so the funds are seeded as that row (FundProjection
/// recomputed from 100 / 100,000 synthetic grants spread over 40 countries, 8 forms, 6 rounds, 4 years) and
/// their fund row. (2) The projector: 10,000 projection events (grant events over 20 funds; until the grants
/// feature lands the grant source has no grants, so each event is a marker and a dashboard-row update in one
/// transaction) sent onto projection-events, timed until every marker exists; against raw receive + upsert +
/// delete of 10,000 messages by 16 workers. (3) The IATI writer on 10,000 synthetic grants into a counting
/// stream, in process: time, allocated bytes and peak GC heap.
/// </summary>
internal sealed class DonorsScenario : IScenario
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public string Name => "donors";

    public string Description => "public dashboard at 100 vs 100,000 grants; projector drain of 10,000 events vs raw; IATI export of 10,000 grants";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (rounds, perBlock, events) = context.Quick ? (10, 20, 2_000) : (40, 50, 10_000);
        var (runner, address) = await RunnerHost.StartAsync(context, GrantApi.RunnerSettings(), null, null, cancellationToken);
        try
        {
            var tables = new TableServiceClient(context.ConnectionString);
            var small = await SeedFundAsync(tables, 100, cancellationToken);
            var large = await SeedFundAsync(tables, context.Quick ? 10_000 : 100_000, cancellationToken);
            using var http = new HttpClient { BaseAddress = address };
            var projections = tables.GetTableClient(ProjectionRows.Table);
            var samples = new Dictionary<string, List<double>> { ["small"] = [], ["large"] = [], ["raw"] = [] };
            async Task Block(string name, Func<Task> call)
            {
                for (var i = 0; i < perBlock; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await call();
                    samples[name].Add(Latencies.Since(start));
                }
            }

            Func<Task>[] calls =
            [
                () => Block("small", async () => (await http.GetAsync(new Uri($"/api/funds/{small}/dashboard", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode().Dispose()),
                () => Block("large", async () => (await http.GetAsync(new Uri($"/api/funds/{large}/dashboard", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode().Dispose()),
                () => Block("raw", async () => _ = await projections.GetEntityAsync<TableEntity>(large, ProjectionRows.Fund, cancellationToken: cancellationToken)),
            ];
            foreach (var call in calls)
            {
                await call();
            }

            samples.Values.ToList().ForEach(s => s.Clear());
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < calls.Length; k++)
                {
                    await calls[(round + k) % calls.Length]();
                }
            }

            var (s100, sLarge, raw) = (new Latencies(samples["small"]), new Latencies(samples["large"]), new Latencies(samples["raw"]));
            var sizeRatio = sLarge.P50 / s100.P50;
            var rawRatio = sLarge.P50 / raw.P50;
            var dashboard = new Table("donors: public dashboard read (anonymous, through the runner)", "path", "n", "p50 ms", "p95 ms", "vs raw point read");
            dashboard.Add("dashboard, 100 grants", Fmt.Int(s100.Count), Fmt.Ms(s100.P50), Fmt.Ms(s100.P95), Fmt.Ratio(s100.P50 / raw.P50));
            dashboard.Add($"dashboard, {(context.Quick ? "10,000" : "100,000")} grants", Fmt.Int(sLarge.Count), Fmt.Ms(sLarge.P50), Fmt.Ms(sLarge.P95), Fmt.Ratio(rawRatio));
            dashboard.Add("raw point read of the projection row", Fmt.Int(raw.Count), Fmt.Ms(raw.P50), Fmt.Ms(raw.P95), "1.00x");
            dashboard.Note(Fmt.Inv($"large/small p50 {sizeRatio:0.00}x (target <= 1.2); large/raw p50 {rawRatio:0.00}x (target <= 3). The dashboard also reads the fund row: two point reads and the suppression."));
            context.Check(new TargetCheck(Name, "dashboard p50, large / 100 grants", Fmt.Ratio(sizeRatio), "<= 1.20x", sizeRatio <= 1.2, ""));
            context.Check(new TargetCheck(Name, "dashboard p50 / raw point read", Fmt.Ratio(rawRatio), "<= 3.00x", rawRatio <= 3, ""));

            var projector = await DrainAsync(context, tables, events, cancellationToken);
            var iati = await IatiAsync(context.Quick ? 2_000 : 10_000, cancellationToken);
            return [dashboard, projector, iati];
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }
    }

    private static async Task<string> SeedFundAsync(TableServiceClient tables, int grants, CancellationToken cancellationToken)
    {
        var fundId = Guid.CreateVersion7().ToString();
        await tables.GetTableClient(FundStore.Table).AddEntityAsync(
            new FundEntity { RowKey = fundId, Name = $"Fund of {grants} grants", Currency = "USD", CreatedAt = DateTimeOffset.UtcNow }, cancellationToken);
        var countries = CountryCode.All.Take(40).Select(c => c.Code).ToArray();
        string[] forms = ["sexual-exploitation", "forced-labour", "forced-criminality", "domestic-servitude", "forced-marriage", "child-trafficking", "organ-removal", "other"];
        var facts = Enumerable.Range(0, grants).Select(i => new GrantFacts(
            Guid.CreateVersion7().ToString(),
            $"round-{i % 6}",
            [countries[i % countries.Length]],
            [forms[i % forms.Length]],
            [new GrantFlow(FlowKind.Commitment, 3_000_000 + i, 2022 + (i % 4)), new GrantFlow(FlowKind.Disbursement, 1_200_000, 2022 + (i % 4))],
            new Dictionary<string, long> { [$"female/adult/{forms[i % forms.Length]}"] = 1 + (i % 13), [$"male/child/{forms[i % forms.Length]}"] = i % 3 },
            new Dictionary<string, long> { ["shelter"] = 1 + (i % 5) }));
        var projection = FundProjection.Recompute(facts, []);
        await tables.GetTableClient(ProjectionRows.Table).AddEntityAsync(ProjectionRows.WithJson(fundId, ProjectionRows.Fund, projection.ToJson()), cancellationToken);
        return fundId;
    }

    private static async Task<Table> DrainAsync(BenchContext context, TableServiceClient tables, int events, CancellationToken cancellationToken)
    {
        var queues = new QueueServiceClient(context.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var funds = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
        var messages = Enumerable.Range(0, events)
            .Select(i => new ProjectionEvent(ProjectionEvent.GrantCommitted, funds[i % funds.Length], Guid.CreateVersion7().ToString(), DateTimeOffset.UtcNow))
            .ToArray();
        var queue = queues.GetQueueClient(ProjectionEvent.Queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (m, ct) =>
            await queue.SendMessageAsync(JsonSerializer.Serialize(m, Web), ct));
        var start = Stopwatch.GetTimestamp();
        var projections = tables.GetTableClient(ProjectionRows.Table);
        var applied = 0;
        while (Latencies.Since(start) < 900_000)
        {
            applied = 0;
            foreach (var fund in funds)
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {fund} and RowKey ge {"done-"} and RowKey lt {"done."}");
                await foreach (var _ in projections.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    applied++;
                }
            }

            if (applied >= events)
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        var drainMs = Latencies.Since(start);
        var rawQueue = queues.GetQueueClient("benchraw" + Guid.NewGuid().ToString("N")[..8]);
        await rawQueue.CreateAsync(cancellationToken: cancellationToken);
        var rawTable = tables.GetTableClient("benchraw" + Guid.NewGuid().ToString("N")[..8]);
        await rawTable.CreateAsync(cancellationToken);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (m, ct) =>
            await rawQueue.SendMessageAsync(JsonSerializer.Serialize(m, Web), ct));
        var rawStart = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), cancellationToken, async (_, ct) =>
        {
            while (Volatile.Read(ref done) < events)
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
                    await rawTable.UpsertEntityAsync(new TableEntity(e.FundId, e.MessageId) { ["Kind"] = e.Kind }, cancellationToken: ct);
                    await rawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    Interlocked.Increment(ref done);
                }
            }
        });
        var rawMs = Latencies.Since(rawStart);
        var table = new Table("donors: projector drain (queue-triggered, runner's host.json)", "path", "events", "seconds", "events/s", "lost");
        table.Add("projector: 10,000 grant events over 20 funds", Fmt.Int(events), Fmt.Inv($"{drainMs / 1000:0.0}"), Fmt.Rate(events / (drainMs / 1000)), Fmt.Int(events - applied));
        table.Add("raw: receive 16 + upsert + delete, 16 workers", Fmt.Int(events), Fmt.Inv($"{rawMs / 1000:0.0}"), Fmt.Rate(events / (rawMs / 1000)), "0");
        table.Note(Fmt.Inv($"projector / raw throughput: {(events / drainMs) / (events / rawMs):0.00}x. Events of one fund contend on its dashboard row's ETag; the loser reads again."));
        context.Check(new TargetCheck("donors", "projector backlog drained without loss", Fmt.Int(applied), Fmt.Int(events), applied == events, ""));
        return table;
    }

    private static async Task<Table> IatiAsync(int grants, CancellationToken cancellationToken)
    {
        var exportContext = new ExportContext(Guid.CreateVersion7().ToString(), "Benchmark fund", CurrencyCode.Parse("USD"), "XI-TFG", true, DateTimeOffset.UtcNow, []);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long peakHeap = heapBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    await Task.Delay(2, CancellationToken.None);
                }
            },
            CancellationToken.None);
        var counting = new CountingStream();
        var start = Stopwatch.GetTimestamp();
        await IatiActivities.WriteAsync(counting, exportContext, Grants(grants), cancellationToken);
        var ms = Latencies.Since(start);
        await sampling.CancelAsync();
        await sampler;
        var table = new Table("donors: IATI 2.03 export, streamed, in process", "grants", "ms", "file MB", "allocated MB", "peak GC heap over start MB");
        table.Add(Fmt.Int(grants), Fmt.Ms(ms), Fmt.Inv($"{counting.Length / 1e6:0.0}"), Fmt.Inv($"{(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6:0.0}"), Fmt.Inv($"{(peakHeap - heapBefore) / 1e6:0.0}"));
        table.Note("Grants are generated one at a time as the grant source yields them; the writer flushes after each activity, so the heap holds one activity, not the file.");
        return table;
    }

    private static async IAsyncEnumerable<GrantRecord> Grants(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7().ToString();
            yield return new GrantRecord(
                new GrantFacts(id, "round", ["KH", "TH"], ["forced-labour"], [], new Dictionary<string, long>(), new Dictionary<string, long>()),
                $"Grant {i}: shelter and legal aid",
                "Support to survivors of trafficking.",
                new GrantRecipient($"org-{i}", $"NGO {i}", "KH", i % 10 == 0),
                "Active",
                new DateOnly(2025, 1, 1),
                new DateOnly(2026, 12, 31),
                [new GrantTransaction(GrantTransaction.Commitment, 4_000_000, new DateOnly(2025, 1, 1)), new GrantTransaction(GrantTransaction.Disbursement, 1_600_000, new DateOnly(2025, 2, 1))]);
            if (i % 1000 == 0)
            {
                await Task.Yield();
            }
        }
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Position += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Position += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
