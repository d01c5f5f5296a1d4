using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.LocalRunner.Functions;
using TrustFundGrants.LocalRunner.Queues;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// Waits until the background work the app owes so far has all run, so that "nothing more was sent" is a fact
/// rather than a guess after a sleep: every queue the runner listens on is empty on two probes in a row, with no
/// message finished between them. Storage counts a message while a function works on it and while it is hidden
/// for later (a retry, an email's recheck), and a listener deletes a message only after the work it does has sent
/// its own messages on, so an empty queue cannot hide work still to come.
/// </summary>
internal static class QueueDrain
{
    public static async Task WaitAsync(RunnerFixture runner, TimeSpan? within = null)
    {
        var services = runner.App.Services;
        var client = services.GetRequiredService<QueueServiceClient>();
        var queues = services.GetRequiredService<ServedFunctions>().All
            .Where(f => f.Trigger == "queue")
            .Select(f => client.GetQueueClient(f.Description))
            .ToArray();
        var listeners = services.GetRequiredService<TriggerHostedService>().Triggers.OfType<QueueTriggerListener>().ToArray();
        long Finished() => listeners.Sum(l => l.Completed);

        var finished = Finished();
        var quietProbes = 0;
        await Eventually.WaitFor(
            async () =>
            {
                var waiting = await WaitingAsync(queues);
                var now = Finished();
                quietProbes = waiting.Length == 0 && now == finished ? quietProbes + 1 : 0;
                finished = now;
                return waiting.Length == 0 ? $"empty, {quietProbes} quiet probe(s)" : string.Join(", ", waiting);
            },
            _ => quietProbes >= 2,
            "the app's queues to drain",
            within ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>"queue: count" for each queue with any message, visible or not.</summary>
    private static async Task<string[]> WaitingAsync(QueueClient[] queues)
    {
        var counts = await Task.WhenAll(queues.Select(CountAsync));
        return [.. queues.Zip(counts).Where(q => q.Second > 0).Select(q => $"{q.First.Name}: {q.Second}")];
    }

    private static async Task<int> CountAsync(QueueClient queue)
    {
        try
        {
            return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
