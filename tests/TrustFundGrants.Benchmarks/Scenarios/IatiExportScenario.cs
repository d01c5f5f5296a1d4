using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Azure.Data.Tables;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Exports;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 11: GET /api/exports/funds/{id}/iati.xml, anonymous, through the runner, for a fund of 1,000 grants
/// and one of 10,000 (200 and 2,000 with --quick), seeded as the grant functions leave them
/// (<see cref="FundSeed"/>). The client reads the response as a stream with an XmlReader, counting activities
/// and summing the commitments, so neither side holds the file. Memory of the process during each export
/// (<see cref="MemoryWatch"/>) and the runner's allocations for the request alone: a streamed export's peak
/// stays about the same at ten times the grants. Against, for the time: every grant partition of the fund
/// read with the SDK, 8 at a time.
/// </summary>
internal sealed class IatiExportScenario : IScenario
{
    public const double MemoryTarget = 2.0;

    // Below a megabyte, what a full collection leaves is the runtime's own noise, not the writer's.
    private const long RetainedFloor = 1024 * 1024;

    public string Name => "iati-export";

    public string Description => "IATI 2.03 export of 10,000 grants: time and peak memory vs 1,000 (streamed)";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        int[] sizes = context.Quick ? [200, 2_000] : [1_000, 10_000];
        var tables = new TableServiceClient(context.ConnectionString);
        var funds = new List<(int Size, string FundId, IReadOnlyList<GrantEntity> Grants)>();
        foreach (var size in sizes)
        {
            BenchContext.Progress(Fmt.Inv($"iati-export: seeding a fund of {size} grants"));
            var fundId = await FundSeed.FundAsync(tables, Fmt.Inv($"Fund of {size} grants"), cancellationToken);
            var grants = await FundSeed.GrantsAsync(tables, fundId, size, cancellationToken);
            await FundSeed.PledgesAsync(tables, fundId, 5, cancellationToken);
            funds.Add((size, fundId, grants));
        }

        var allocations = new RunnerAllocations();
        var (runner, address) = await RunnerHost.StartAsync(
            context, GrantApi.RunnerSettings(), null, app => allocations.Map(app, r => r.Path.Value?.EndsWith("/iati.xml", StringComparison.Ordinal) == true ? "iati" : null), cancellationToken);
        var table = new Table(
            "iati-export: GET /api/exports/funds/{id}/iati.xml (anonymous, through the runner, read as a stream)",
            "grants", "activities", "file MB", "export s", "raw reads s", "export / raw", "runner alloc MB", "alloc KB / grant", "peak GC heap +MB", "peak RSS +MB");
        var readings = new List<(int Size, MemoryReading Memory)>();
        try
        {
            using var http = GrantApi.NewClient(address);
            http.Timeout = TimeSpan.FromMinutes(20);
            using (var warm = await http.GetAsync(new Uri($"/api/exports/funds/{funds[0].FundId}/iati.xml", UriKind.Relative), cancellationToken))
            {
                warm.EnsureSuccessStatusCode();
            }

            foreach (var (size, fundId, grants) in funds)
            {
                BenchContext.Progress(Fmt.Inv($"iati-export: exporting {size} grants"));
                using var watch = MemoryWatch.Start();
                var start = Stopwatch.GetTimestamp();
                var file = await ExportAsync(http, fundId, cancellationToken);
                var exportMs = Latencies.Since(start);
                var memory = watch.Stop();
                readings.Add((size, memory));
                var rawMs = await RawAsync(tables.GetTableClient(GrantStore.Table), grants, cancellationToken);
                var runnerAlloc = allocations.Last("iati");
                table.Add(
                    Fmt.Int(size), Fmt.Int(file.Activities), Fmt.Inv($"{file.Bytes / 1e6:0.0}"), Fmt.Inv($"{exportMs / 1000:0.00}"), Fmt.Inv($"{rawMs / 1000:0.00}"),
                    Fmt.Ratio(exportMs / rawMs), MemoryReading.Mb(runnerAlloc), Fmt.Inv($"{runnerAlloc / 1024.0 / size:0.0}"), MemoryReading.Mb(memory.HeapGrowth), MemoryReading.Mb(memory.RssGrowth));
                var expectedCommitted = grants.Sum(g => g.CommittedMinor);
                var right = file.Activities == size + 1 && file.Identifiers == size + 1 && file.CommittedMinor == expectedCommitted;
                context.Check(new TargetCheck(Name, Fmt.Inv($"IATI file of {size} grants complete"), Fmt.Inv($"{file.Activities} activities, {file.Identifiers} ids, {file.CommittedMinor} committed"),
                    Fmt.Inv($"{size + 1}, {size + 1}, {expectedCommitted}"), right, "the fund's own activity + one per grant; commitments summed"));
            }
        }
        finally
        {
            await RunnerHost.StopAsync(runner);
        }

        var writer = new Table(
            "iati-export: the IATI writer alone, in process, on generated grants into a counting stream", "grants", "file MB", "ms", "allocated MB", "peak GC heap +MB", "retained mid-file +MB");
        var retained = new List<long>();
        foreach (var size in sizes)
        {
            var (bytes, ms, memory) = await WriterAloneAsync(size, cancellationToken);
            retained.Add(await WriterRetainedAsync(size, cancellationToken));
            writer.Add(Fmt.Int(size), Fmt.Inv($"{bytes / 1e6:0.0}"), Fmt.Ms(ms), MemoryReading.Mb(memory.Allocated), MemoryReading.Mb(memory.HeapGrowth), MemoryReading.Mb(retained[^1]));
        }

        writer.Note("The same writer the export function streams into the response; without storage, so what it keeps is what its own figures show.");
        writer.Note("peak GC heap counts garbage not yet collected; retained mid-file is the heap after a full blocking GC every 100 grants, in a second pass (its largest growth): what the writer holds.");
        var retainedRatio = (double)Math.Max(retained[^1], RetainedFloor) / Math.Max(retained[0], RetainedFloor);
        context.Check(new TargetCheck(Name, Fmt.Inv($"IATI writer alone, heap retained mid-file, {sizes[^1]} / {sizes[0]} grants"), Fmt.Ratio(retainedRatio), Fmt.Inv($"<= {MemoryTarget:0.00}x"), retainedRatio <= MemoryTarget,
            Fmt.Inv($"+{MemoryReading.Mb(retained[0])} MB vs +{MemoryReading.Mb(retained[^1])} MB (each at least 1 MB for the ratio)")));
        var (small, large) = (readings[0], readings[^1]);
        var heapRatio = (double)Math.Max(large.Memory.HeapGrowth, 1) / Math.Max(small.Memory.HeapGrowth, 1);
        table.Note(MemoryWatch.Method + ". The client's streaming reader is in the same process and counted too.");
        table.Note(Fmt.Inv($"peak GC heap growth {large.Size} / {small.Size} grants: {heapRatio:0.00}x for {large.Size / small.Size}x the grants (target <= {MemoryTarget:0.0}x: flat)."));
        table.Note("raw reads: each grant's whole partition (grant, tranches, reports, ledger) queried with the SDK, 8 partitions at a time.");
        context.Check(new TargetCheck(Name, Fmt.Inv($"peak GC heap, {large.Size} / {small.Size} grants"), Fmt.Ratio(heapRatio), Fmt.Inv($"<= {MemoryTarget:0.00}x"), heapRatio <= MemoryTarget,
            Fmt.Inv($"+{MemoryReading.Mb(small.Memory.HeapGrowth)} MB vs +{MemoryReading.Mb(large.Memory.HeapGrowth)} MB")));
        return [table, writer];
    }

    private static async Task<(long Bytes, double Ms, MemoryReading Memory)> WriterAloneAsync(int count, CancellationToken cancellationToken)
    {
        var context = new ExportContext(Guid.CreateVersion7().ToString(), "Benchmark fund", CurrencyCode.Parse("USD"), "XI-TFG", true, DateTimeOffset.UtcNow, []);
        var counting = new CountingWriteStream();
        using var watch = MemoryWatch.Start();
        var start = Stopwatch.GetTimestamp();
        await IatiActivities.WriteAsync(counting, context, Generated(count), cancellationToken);
        var ms = Latencies.Since(start);
        return (counting.Position, ms, watch.Stop());
    }

    /// <summary>The writer's largest live heap while it writes: a full blocking collection every 100 grants, measured against the heap before the file.</summary>
    private static async Task<long> WriterRetainedAsync(int count, CancellationToken cancellationToken)
    {
        var context = new ExportContext(Guid.CreateVersion7().ToString(), "Benchmark fund", CurrencyCode.Parse("USD"), "XI-TFG", true, DateTimeOffset.UtcNow, []);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var largest = 0L;
        await IatiActivities.WriteAsync(new CountingWriteStream(), context, Generated(count, every100: () => largest = Math.Max(largest, GC.GetTotalMemory(forceFullCollection: true) - before)), cancellationToken);
        return largest;
    }

    private static async IAsyncEnumerable<GrantRecord> Generated(int count, Action? every100 = null)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 99)
            {
                every100?.Invoke();
            }

            yield return new GrantRecord(
                new GrantFacts(Guid.CreateVersion7().ToString(), "round", ["KH", "TH"], ["forced-labour"], [], new Dictionary<string, long>(), new Dictionary<string, long>()),
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

    private static async Task<IatiFile> ExportAsync(HttpClient http, string fundId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/api/exports/funds/{fundId}/iati.xml", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var counting = new CountingReadStream(body);
        using var xml = XmlReader.Create(counting, new XmlReaderSettings { Async = true, IgnoreWhitespace = true, DtdProcessing = DtdProcessing.Prohibit });
        var (activities, identifiers, committed) = (0, new HashSet<string>(StringComparer.Ordinal), 0L);
        var transactionType = string.Empty;
        while (await xml.ReadAsync())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "iati-activity":
                    activities++;
                    break;
                case "iati-identifier":
                    identifiers.Add(await xml.ReadElementContentAsStringAsync());
                    break;
                case "transaction-type":
                    transactionType = xml.GetAttribute("code") ?? string.Empty;
                    break;
                case "value" when transactionType == "2":
                    committed += (long)(decimal.Parse(await xml.ReadElementContentAsStringAsync(), CultureInfo.InvariantCulture) * 100);
                    transactionType = string.Empty;
                    break;
            }
        }

        return new IatiFile(activities, identifiers.Count, committed, counting.BytesRead);
    }

    private static async Task<double> RawAsync(TableClient grants, IReadOnlyList<GrantEntity> seeded, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(seeded, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (grant, ct) =>
        {
            await foreach (var _ in grants.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {grant.PartitionKey}"), cancellationToken: ct))
            {
            }
        });
        return Latencies.Since(start);
    }

    private sealed record IatiFile(int Activities, int Identifiers, long CommittedMinor, long Bytes);

    /// <summary>Counts the bytes the reader pulls through, so the file's size is known without keeping it.</summary>
    private sealed class CountingReadStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A sink that keeps nothing and counts what was written.</summary>
    private sealed class CountingWriteStream : Stream
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
