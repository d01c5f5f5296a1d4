using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Functions.Platform.Telemetry;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.LocalRunner.Queues;

/// <summary>
/// One queue trigger, run with the Functions host's semantics from host.json: fetch up to batchSize
/// messages, fetch again when in-flight work drops to newBatchThreshold, poll with back-off up to
/// maxPollingInterval while the queue is empty (reset as soon as messages arrive), retry a failed
/// message after visibilityTimeout, and after maxDequeueCount failures move it, body intact, to
/// &lt;queue&gt;-poison. A message this process sends to the queue wakes the listener at once
/// (<see cref="QueueWakeups"/>). On shutdown, in-flight messages get a grace period to finish; the rest go
/// back to the queue at once rather than staying hidden.
/// </summary>
internal sealed partial class QueueTriggerListener(
    string functionName,
    FunctionInvoker invoker,
    QueueClient queue,
    QueueClient poison,
    QueueSettings settings,
    IServiceScopeFactory scopes,
    ILogger logger,
    TimeSpan shutdownGrace,
    QueueWakeups wakeups) : BackgroundService
{
    // Messages stay hidden for settings.ProcessingLease while a function works on them, renewed every third of it
    // (two renewals may fail before a live function loses its message), so a crashed runner's messages come back
    // within one lease and a slow function keeps its message as long as it runs.
    private TimeSpan Lease => settings.ProcessingLease;

    private readonly ConcurrentDictionary<string, Task> inFlight = new();
    private readonly SemaphoreSlim slotFreed = new(0);
    private readonly CancellationTokenSource abandon = new();
    private readonly QueueWakeups.Wakeup wakeup = wakeups.Register(queue.Name);

    /// <summary>Messages finished (successfully or not) since start; read by tests and benchmarks.</summary>
    public long Completed => Interlocked.Read(ref completed);

    private long completed;

    public string FunctionName => functionName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.Zero;
        var unavailable = false;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (inFlight.Count > settings.NewBatchThreshold)
                {
                    await slotFreed.WaitAsync(stoppingToken);
                }

                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, stoppingToken);
                if (unavailable)
                {
                    unavailable = false;
                    LogRecovered(logger, queue.Name);
                }

                if (messages.Length == 0)
                {
                    delay = NextDelay(delay);
                    if (await wakeup.WaitAsync(delay, stoppingToken))
                    {
                        delay = TimeSpan.Zero;
                    }

                    continue;
                }

                delay = TimeSpan.Zero;
                foreach (var message in messages)
                {
                    inFlight[message.MessageId] = ProcessAsync(message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or IOException)
            {
                // Storage is down or restarting: back off as on an empty queue, log once per outage.
                if (!unavailable)
                {
                    unavailable = true;
                    LogUnavailable(logger, queue.Name, ex.Message.Split('\n')[0]);
                }

                created = false;
                delay = NextDelay(delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await DrainAsync();
    }

    private TimeSpan NextDelay(TimeSpan current) =>
        current == TimeSpan.Zero ? settings.MinPollingInterval
        : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, settings.MaxPollingInterval.Ticks));

    private async Task DrainAsync()
    {
        var pending = Task.WhenAll(inFlight.Values);
        if (await Task.WhenAny(pending, Task.Delay(shutdownGrace)) != pending)
        {
            await abandon.CancelAsync();
        }

        await pending.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ProcessAsync(QueueMessage message)
    {
        await Task.Yield();
        var receipt = new Receipt(message.PopReceipt);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abandon.Token);
        var renewal = RenewLeaseAsync(message.MessageId, receipt, renewing.Token);
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await invoker.InvokeAsync(scope.ServiceProvider, new InvocationArgs(message, abandon.Token));
            }

            await StopRenewing(renewing, renewal);
            await TryAsync(() => queue.DeleteMessageAsync(message.MessageId, receipt.Value));
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            await StopRenewing(renewing, renewal);
            await TryAsync(() => queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: TimeSpan.Zero));
        }
        catch (Exception ex)
        {
            await StopRenewing(renewing, renewal);
            await FailAsync(message, receipt.Value, ex);
        }
        finally
        {
            Interlocked.Increment(ref completed);
            inFlight.TryRemove(message.MessageId, out _);
            slotFreed.Release();
        }
    }

    private async Task FailAsync(QueueMessage message, string popReceipt, Exception error)
    {
        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            LogPoisoned(logger, error, functionName, message.MessageId, message.DequeueCount, poison.Name);
            AppTelemetry.PoisonMessages.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", queue.Name));
            await TryAsync(async () =>
            {
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body);
                await queue.DeleteMessageAsync(message.MessageId, popReceipt);
            });
            return;
        }

        LogRetrying(logger, error, functionName, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
        await TryAsync(() => queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: settings.VisibilityTimeout));
        wakeups.Notify(queue.Name, settings.VisibilityTimeout);
    }

    private async Task RenewLeaseAsync(string messageId, Receipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, cancellationToken);
                var updated = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: Lease, cancellationToken: cancellationToken);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException ex)
        {
            LogRenewFailed(logger, messageId, ex.Message.Split('\n')[0]);
        }
    }

    private static async Task StopRenewing(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync();
        await renewal;
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            // The message stays hidden until its lease ends, then is delivered again: late, never lost.
            LogSettleFailed(logger, queue.Name, ex.Message.Split('\n')[0]);
        }
    }

    public override void Dispose()
    {
        abandon.Dispose();
        slotFreed.Dispose();
        wakeup.Dispose();
        base.Dispose();
    }

    private sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} is not reachable; polling backs off until it is: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} is reachable again")]
    private static partial void LogRecovered(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {Attempt} of {Max}); it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string function, string messageId, long attempt, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} {Attempt} times; moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string function, string messageId, long attempt, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease on message {MessageId}: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle a message on {Queue}; it will be delivered again: {Reason}")]
    private static partial void LogSettleFailed(ILogger logger, string queue, string reason);
}
