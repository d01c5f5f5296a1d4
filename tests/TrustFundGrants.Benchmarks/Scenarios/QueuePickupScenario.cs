using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Benchmarks.Probes;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// How long a message waits before the runner's queue trigger starts its function, under steady load.
/// The runner is started with a metadata file holding only <see cref="PickupProbe"/> (queue-triggered,
/// from this assembly) and the repo's host.json; a paced sender stamps each message with the time of
/// its SendMessage call and the probe notes when it starts.
/// </summary>
internal sealed class QueuePickupScenario : IScenario
{
    public const double TargetMs = 50;
    public const string QueueName = "bench-pickup";
    public const int Rate = 20;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Name => "queue-pickup";

    public string Description => "SendMessage to queue function start, 20 msg/s steady load, repo host.json";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (warmupSeconds, seconds) = context.Quick ? (1, 5) : (3, 15);
        var warmupCount = Rate * warmupSeconds;
        var total = warmupCount + (Rate * seconds);
        var metadata = WriteMetadata();
        var recorder = new PickupRecorder();

        BenchContext.Progress("queue-pickup: starting the runner with the probe's metadata only");
        var (runner, _) = await RunnerHost.StartAsync(
            context,
            new Dictionary<string, string?> { ["LocalRunner:FunctionsMetadata"] = metadata },
            services => services.AddSingleton(recorder),
            null,
            cancellationToken);
        try
        {
            var served = runner.Services.GetRequiredService<ServedFunctions>().All;
            if (served is not [{ Name: nameof(PickupProbe), Trigger: "queue" }])
            {
                throw new InvalidOperationException("The runner did not serve exactly the probe: " + string.Join(", ", served));
            }

            var queues = runner.Services.GetRequiredService<HostSettings>().Queues;
            var sender = new QueueClient(context.ConnectionString, QueueName, new QueueClientOptions
            {
                MessageEncoding = queues.Base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
            });
            await sender.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

            BenchContext.Progress(Fmt.Inv($"queue-pickup: {Rate} msg/s, {warmupSeconds} s warm-up then {seconds} s measured"));
            var sendStart = new long[total];
            var sendEnd = new long[total];
            var sends = new List<Task>(total);
            var interval = Stopwatch.Frequency / Rate;
            var origin = Stopwatch.GetTimestamp();
            for (var i = 0; i < total; i++)
            {
                // Paced against the schedule, not the previous send, so a slow send does not slow the load.
                var wait = origin + (i * interval) - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }

                sends.Add(SendAsync(i));
            }

            await Task.WhenAll(sends);
            var measuredWindow = Latencies.Ms(sendStart[warmupCount], sendStart[total - 1]) / 1000;

            var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
            while (recorder.Count < total && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }

            var fromSend = new List<double>();
            var fromAck = new List<double>();
            var send = new List<double>();
            for (var i = warmupCount; i < total; i++)
            {
                send.Add(Latencies.Ms(sendStart[i], sendEnd[i]));
                if (recorder.TryGet(i, out var pickup))
                {
                    fromSend.Add(Latencies.Ms(pickup.SentTimestamp, pickup.StartedTimestamp));
                    fromAck.Add(Latencies.Ms(sendEnd[i], pickup.StartedTimestamp));
                }
            }

            var (pickupStats, ackStats, sendStats) = (new Latencies(fromSend), new Latencies(fromAck), new Latencies(send));
            var missing = (total - warmupCount) - pickupStats.Count;

            var latencyTable = new Table(
                Fmt.Inv($"queue-pickup: {Rate} msg/s steady for {seconds} s (after {warmupSeconds} s warm-up), repo host.json"),
                "measure", "n", "p50 ms", "p95 ms", "max ms");
            latencyTable.Add("pickup: SendMessage call -> function start", Fmt.Int(pickupStats.Count), Fmt.Ms(pickupStats.P50), Fmt.Ms(pickupStats.P95), Fmt.Ms(pickupStats.Max));
            latencyTable.Add("pickup: send acknowledged -> function start", Fmt.Int(ackStats.Count), Fmt.Ms(ackStats.P50), Fmt.Ms(ackStats.P95), Fmt.Ms(ackStats.Max));
            latencyTable.Add("raw queue send (the same SendMessage calls)", Fmt.Int(sendStats.Count), Fmt.Ms(sendStats.P50), Fmt.Ms(sendStats.P95), Fmt.Ms(sendStats.Max));
            latencyTable.Note(Fmt.Inv(
                $"host.json queues: batchSize {queues.BatchSize}, newBatchThreshold {queues.NewBatchThreshold}, polling {queues.MinPollingInterval.TotalMilliseconds:0} ms doubling to {queues.MaxPollingInterval.TotalMilliseconds:0} ms while empty, messageEncoding {(queues.Base64 ? "base64" : "none")}."));
            if (sendStats.Max > 1000)
            {
                latencyTable.Note(Fmt.Inv($"Some SendMessage calls took up to {sendStats.Max / 1000:0.0} s: Azurite stalled during the run (its in-memory queue GC blocks the emulator while it sweeps deleted messages); the pickup figures include that stall."));
            }

            latencyTable.Note("Picked up within 10 / 25 / 50 / 100 ms of the send call: " + string.Join(" / ", new[] { 10.0, 25, 50, 100 }
                .Select(limit => Fmt.Inv($"{100.0 * fromSend.Count(v => v <= limit) / Math.Max(1, fromSend.Count):0}%"))) + ".");
            latencyTable.Note(Fmt.Inv(
                $"Sent {total - warmupCount} measured messages in {measuredWindow:0.0} s ({(total - warmupCount - 1) / measuredWindow:0.0} msg/s); missing {missing}, redelivered {recorder.Redelivered}."));

            var ratio = pickupStats.P50 / sendStats.P50;
            var ratioTable = new Table("queue-pickup: target and ratios (same run)", "measure", "value", "target", "verdict");
            var pass = pickupStats.P50 <= TargetMs && missing == 0;
            ratioTable.Add("pickup p50 (SendMessage call -> function start)", Fmt.Ms(pickupStats.P50) + " ms", Fmt.Inv($"<= {TargetMs:0} ms"), Fmt.Verdict(pass));
            ratioTable.Add("pickup p50 / raw send p50 (same sends)", Fmt.Ratio(ratio), "", "");
            if (StorageScenario.QueueSendP50 is { } sequentialSend)
            {
                ratioTable.Add("pickup p50 / raw send p50 (storage scenario, sequential)", Fmt.Ratio(pickupStats.P50 / sequentialSend), "", "");
            }

            context.Check(new TargetCheck(
                Name, "pickup p50 at 20 msg/s", Fmt.Ms(pickupStats.P50) + " ms", Fmt.Inv($"<= {TargetMs:0} ms"), pass,
                Fmt.Inv($"p95 {Fmt.Ms(pickupStats.P95)} ms, max {Fmt.Ms(pickupStats.Max)} ms; raw send p50 {Fmt.Ms(sendStats.P50)} ms ({Fmt.Ratio(ratio)}); missing {missing}")));
            return [latencyTable, ratioTable];

            async Task SendAsync(int i)
            {
                var start = Stopwatch.GetTimestamp();
                sendStart[i] = start;
                await sender.SendMessageAsync(PickupRecorder.Message(i, start), cancellationToken);
                sendEnd[i] = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            // The listener stops before its queue goes, or it would log the queue as unreachable.
            await RunnerHost.StopAsync(runner);
            await new QueueClient(context.ConnectionString, QueueName).DeleteIfExistsAsync(CancellationToken.None);
            File.Delete(metadata);
        }
    }

    /// <summary>A functions.metadata in the Worker SDK's format, declaring only the probe.</summary>
    private static string WriteMetadata()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-functions-{Guid.NewGuid():N}.metadata");
        var probe = new
        {
            name = nameof(PickupProbe),
            scriptFile = typeof(PickupProbe).Assembly.GetName().Name + ".dll",
            entryPoint = PickupProbe.EntryPoint,
            language = "dotnet-isolated",
            properties = new { IsCodeless = false },
            bindings = new object[]
            {
                new { name = "message", direction = "In", type = "queueTrigger", dataType = "String", queueName = QueueName, properties = new { } },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(new[] { probe }, Indented));
        return path;
    }
}
