using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using TrustFundGrants.Benchmarks.Harness;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Raw Azure SDK calls against Azurite, the floor under everything the app does: table insert, point
/// read, 20 KB blob upload (overwrite) and queue send. Each is timed one at a time (p50/p95), then run
/// by 32 concurrent workers for a fixed count (ops/s).
/// </summary>
internal sealed class StorageScenario : IScenario
{
    public const int Workers = 32;
    private const int BlobBytes = 20 * 1024;
    private const int ReadKeys = 256;

    public string Name => "storage";

    public string Description => "raw Azurite baselines: table insert, point read, 20 KB blob upload, queue send";

    /// <summary>The sequential queue-send p50 of the last run, for other scenarios' context.</summary>
    public static double? QueueSendP50 { get; private set; }

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (warmup, sequential, parallel) = context.Quick ? (20, 200, 640) : (100, 1000, 4000);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tables = new TableServiceClient(context.ConnectionString);
        var table = tables.GetTableClient("bench" + suffix);
        var container = new BlobServiceClient(context.ConnectionString).GetBlobContainerClient("bench-" + suffix);
        // Base64, as the app and the host send and read queue messages.
        var queue = new QueueClient(context.ConnectionString, "bench-send-" + suffix, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync(cancellationToken);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        for (var i = 0; i < ReadKeys; i++)
        {
            await table.AddEntityAsync(Entity("read", Key(i)), cancellationToken);
        }

        var blob = BinaryData.FromBytes(RandomNumberGenerator.GetBytes(BlobBytes));
        long inserted = 0;
        var operations = new (string Name, Func<int, int, CancellationToken, Task> Run)[]
        {
            ("table insert (AddEntity)", (_, _, ct) => table.AddEntityAsync(Entity("insert", Key(Interlocked.Increment(ref inserted))), ct)),
            ("table point read (GetEntity)", (i, _, ct) => table.GetEntityAsync<TableEntity>("read", Key(i % ReadKeys), cancellationToken: ct)),
            ("blob upload 20 KB (overwrite)", (_, worker, ct) => container.GetBlobClient(Fmt.Inv($"blob-{worker}.bin")).UploadAsync(blob, overwrite: true, ct)),
            ("queue send", (i, _, ct) => queue.SendMessageAsync(Fmt.Inv($$"""{"table":"outbox","partitionKey":"grant-{{i % 97}}","rowKey":"{{i:D10}}"}"""), ct)),
        };

        var result = new Table(
            Fmt.Inv($"storage: raw Azure SDK against Azurite (sequential n={sequential}; {Workers} workers, {parallel} ops)"),
            "operation", "seq p50 ms", "seq p95 ms", "seq ops/s", $"x{Workers} ops/s", $"x{Workers} p50 ms", $"x{Workers} p95 ms", "speed-up");
        foreach (var (name, run) in operations)
        {
            BenchContext.Progress($"storage: {name}");
            var seq = await SequentialAsync(run, warmup, sequential, cancellationToken);
            var par = await ParallelAsync(run, parallel, cancellationToken);
            if (name == "queue send")
            {
                QueueSendP50 = seq.Latencies.P50;
            }

            result.Add(
                name, Fmt.Ms(seq.Latencies.P50), Fmt.Ms(seq.Latencies.P95), Fmt.Rate(seq.OpsPerSecond),
                Fmt.Rate(par.OpsPerSecond), Fmt.Ms(par.Latencies.P50), Fmt.Ms(par.Latencies.P95),
                Fmt.Ratio(par.OpsPerSecond / seq.OpsPerSecond));
        }

        result.Note("speed-up = ops/s with 32 concurrent workers / ops/s one at a time, same run.");
        result.Note("Azurite is one Node.js process; on a 2-core machine client and emulator share the cores.");

        // Nothing is deleted: this Azurite is discarded after the scenario, and deleting thousands of
        // queue messages would only give its queue GC a long sweep to block on.
        return [result];
    }

    private static async Task<Measured> SequentialAsync(Func<int, int, CancellationToken, Task> run, int warmup, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await run(i, 0, cancellationToken);
        }

        var times = new double[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run(warmup + i, 0, cancellationToken);
            times[i] = Latencies.Since(start);
        }

        return new Measured(new Latencies(times), count / (Latencies.Since(started) / 1000));
    }

    private static async Task<Measured> ParallelAsync(Func<int, int, CancellationToken, Task> run, int count, CancellationToken cancellationToken)
    {
        // Two rounds per worker first, so every worker has its connection open before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async w =>
        {
            await run(w, w, cancellationToken);
            await run(w + Workers, w, cancellationToken);
        }));

        var times = new double[count];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var start = Stopwatch.GetTimestamp();
                    await run(i, w, cancellationToken);
                    times[i] = Latencies.Since(start);
                }
            },
            cancellationToken)));
        return new Measured(new Latencies(times), count / (Latencies.Since(started) / 1000));
    }

    private static string Key(long i) => i.ToString("D10", CultureInfo.InvariantCulture);

    // About the size of a grant row: a few typed columns and a paragraph of text.
    private static TableEntity Entity(string partition, string row) => new(partition, row)
    {
        ["Title"] = "Community water point rehabilitation, phase 2",
        ["AmountMinor"] = 12_500_000L,
        ["Currency"] = "USD",
        ["Status"] = "Submitted",
        ["SubmittedAt"] = DateTimeOffset.UtcNow,
        ["Beneficiaries"] = 1840,
        ["Summary"] = new string('x', 400),
    };

    private sealed record Measured(Latencies Latencies, double OpsPerSecond);
}
