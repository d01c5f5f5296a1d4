using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Queues;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>
/// A message the app sends wakes the listener of its queue at once, and a message sent to become visible later
/// wakes it then, not before: the runner's listeners can poll an idle queue slowly without slowing the app down.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class QueueWakeupTests(RunnerFixture runner)
{
    [Fact]
    public async Task SendMessage_ThroughTheAppsClient_WakesThatQueuesListenerOnly()
    {
        var (queue, wakeup) = await WatchedQueueAsync();
        using var other = runner.App.Services.GetRequiredService<QueueWakeups>().Register(queue.Name + "-other");

        await queue.SendMessageAsync("work");

        Assert.True(await wakeup.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the listener was not woken");
        Assert.False(await other.WaitAsync(TimeSpan.Zero, CancellationToken.None), "another queue's listener was woken");
    }

    [Fact]
    public async Task SendMessage_VisibleLater_WakesTheListenerWhenItBecomesVisible()
    {
        var (queue, wakeup) = await WatchedQueueAsync();
        var clock = Stopwatch.StartNew();

        await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2));

        Assert.True(await wakeup.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None), "the listener was not woken");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"woken after {clock.Elapsed}, before the message was visible");
    }

    [Fact]
    public async Task UpdateMessage_NewVisibility_WakesTheListenerWhenItBecomesVisible()
    {
        var (queue, wakeup) = await WatchedQueueAsync();
        await queue.SendMessageAsync("retry me");
        Assert.True(await wakeup.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the send did not wake the listener");
        var received = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value;
        var clock = Stopwatch.StartNew();

        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1));

        Assert.True(await wakeup.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None), "the listener was not woken");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"woken after {clock.Elapsed}, before the message was visible");
    }

    /// <summary>A fresh queue on the app's own queue client, with a listener's wake-up registered for it.</summary>
    private async Task<(QueueClient Queue, QueueWakeups.Wakeup Wakeup)> WatchedQueueAsync()
    {
        var queue = runner.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient("wake-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync();
        return (queue, runner.App.Services.GetRequiredService<QueueWakeups>().Register(queue.Name));
    }
}
