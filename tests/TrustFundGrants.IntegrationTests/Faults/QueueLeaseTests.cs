using System.Diagnostics;
using Azure.Storage.Queues;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Faults;

/// <summary>
/// The runner's processing lease: renewed while a function runs, so a live one keeps its message however long it
/// takes; not renewed by a runner that died, so its messages come back to another within one lease.
/// </summary>
/// <remarks>
/// The timing model. A message is received hidden for one <see cref="Lease"/>; while its function runs, a renewal
/// fires a third of a lease after the previous one returned and hides it for a whole lease from then. So a renewal
/// may come two thirds of a lease late, less its own round trip, before the message shows again: with the fixture's
/// 9 s lease, 6 s, which covers a two-core machine at load 20 starving the thread pool and Azurite for seconds (the
/// 1 s lease these tests used left 0.6 s, and a loaded CI run delivered one long message six times). Unrenewed, the
/// message would show again one lease into the run and be found within an idle poll; renewed only once, after four
/// thirds. A function running two leases is therefore started twice unless every renewal lands. The production
/// default, 20 s, leaves 13 s.
/// </remarks>
[Collection(FaultCollection.Name)]
public sealed class QueueLeaseTests(FaultFixture faults)
{
    private static readonly TimeSpan Lease = FaultFixture.QueueLease;

    /// <summary>From a message showing again to the test seeing its delivery: an idle poll, a receive and a start, loaded.</summary>
    private static readonly TimeSpan PickUpUnderLoad = FaultFixture.MaxPollingInterval + TimeSpan.FromSeconds(4);

    /// <summary>How long <see cref="TestFunctions.Long"/> runs.</summary>
    public static TimeSpan LongRun => 2 * Lease;

    [Fact]
    public async Task LiveFunction_RunningForTwoLeases_KeepsItsMessageAndRunsOnce()
    {
        var (queue, metadata) = await QueueAsync(nameof(TestFunctions.Long));
        await using var app = RunnerApp.Build([], Settings(metadata, faults.StorageConnectionString));
        await app.StartAsync();
        var body = Guid.NewGuid().ToString("N");

        await queue.SendMessageAsync(body);

        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Finished.ContainsKey(body)), f => f, "the long function to finish", LongRun + Lease);
        await Eventually.WaitFor(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, "the message to be deleted");
        Assert.Equal(1, TestFunctions.Starts[body]);
    }

    [Fact]
    public async Task CrashedRunner_ItsLeasedMessageIsDeliveredToAnotherOnceTheLeaseRunsOut()
    {
        var (queue, metadata) = await QueueAsync(nameof(TestFunctions.Hang));
        var crashing = RunnerApp.Build([], Settings(metadata, faults.Storage.Ports.ConnectionString));
        await crashing.StartAsync();
        var body = Guid.NewGuid().ToString("N");
        var sinceSent = Stopwatch.StartNew();
        await queue.SendMessageAsync(body);
        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Starts.GetValueOrDefault(body)), n => n == 1, "the first delivery");

        // Cut off from storage before it stops, it cannot hand the message back or renew its lease: the message stays
        // hidden as after a crash, for at most one lease from its last renewal, which was before now.
        faults.Storage.Kill();
        var sinceCrash = Stopwatch.StartNew();
        await crashing.StopAsync();
        await crashing.DisposeAsync();
        faults.Storage.Restore();
        await using var next = RunnerApp.Build([], Settings(metadata, faults.StorageConnectionString));
        await next.StartAsync();
        var nextReady = sinceCrash.Elapsed;

        var due = (nextReady > Lease ? nextReady : Lease) + PickUpUnderLoad;
        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Starts.GetValueOrDefault(body)), n => n == 2, "the second delivery", due + TimeSpan.FromSeconds(5));
        Assert.True(sinceCrash.Elapsed < due, $"delivered again {sinceCrash.Elapsed} after the crash (the next runner was ready after {nextReady})");

        // The first receive hid it for a lease: handed back by the stopping runner, it would have come sooner. (Less a
        // second: Azurite counts visibility in whole seconds.)
        Assert.True(sinceSent.Elapsed >= Lease - TimeSpan.FromSeconds(1), $"delivered again {sinceSent.Elapsed} after it was sent, inside its first lease");
        await next.StopAsync();
    }

    private async Task<(QueueClient Queue, string Metadata)> QueueAsync(string function)
    {
        var queueName = "lease-" + Guid.NewGuid().ToString("N")[..8];
        var metadata = TestMetadata.Write(TestMetadata.Function(function, function,
            new { name = "message", direction = "In", type = "queueTrigger", dataType = "String", queueName }));
        var queue = new QueueClient(faults.StorageConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return (queue, metadata);
    }

    private Dictionary<string, string?> Settings(string metadata, string storage) => new()
    {
        ["urls"] = $"http://127.0.0.1:{AzuritePorts.FreePort()}",
        ["AzureWebJobsStorage"] = storage,
        ["LocalRunner:FunctionsMetadata"] = metadata,
        ["LocalRunner:HostJson"] = faults.HostJson,
        ["LocalRunner:QueueLease"] = Lease.ToString(),
        ["LocalRunner:ShutdownGrace"] = "00:00:01",
    };
}
