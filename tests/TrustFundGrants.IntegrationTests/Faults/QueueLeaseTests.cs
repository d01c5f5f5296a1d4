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
[Collection(FaultCollection.Name)]
public sealed class QueueLeaseTests(FaultFixture faults)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task LiveFunction_RunningForThreeLeases_KeepsItsMessageAndRunsOnce()
    {
        var (queue, metadata) = await QueueAsync(nameof(TestFunctions.Long));
        await using var app = RunnerApp.Build([], Settings(metadata, faults.StorageConnectionString));
        await app.StartAsync();
        var body = Guid.NewGuid().ToString("N");

        await queue.SendMessageAsync(body);

        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Finished.ContainsKey(body)), f => f, "the long function to finish", TimeSpan.FromSeconds(15));
        await Eventually.WaitFor(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, "the message to be deleted");
        Assert.Equal(1, TestFunctions.Starts[body]);
    }

    [Fact]
    public async Task CrashedRunner_ItsLeasedMessageIsDeliveredToAnotherWithinTheLease()
    {
        var (queue, metadata) = await QueueAsync(nameof(TestFunctions.Hang));
        var crashing = RunnerApp.Build([], Settings(metadata, faults.Storage.Ports.ConnectionString));
        await crashing.StartAsync();
        var body = Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync(body);
        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Starts.GetValueOrDefault(body)), n => n == 1, "the first delivery");

        // Cut off from storage before it stops, it cannot hand the message back: it stays leased, as after a crash.
        faults.Storage.Kill();
        await crashing.StopAsync();
        await crashing.DisposeAsync();
        faults.Storage.Restore();
        var clock = Stopwatch.StartNew();
        await using var next = RunnerApp.Build([], Settings(metadata, faults.StorageConnectionString));
        await next.StartAsync();

        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Starts.GetValueOrDefault(body)), n => n == 2, "the second delivery", TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < Lease + TimeSpan.FromSeconds(3), $"delivered again after {clock.Elapsed}");
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
