using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// Functions that exist only to drive the runner through trigger paths the app's own functions do not
/// reach on demand (a timer every second, a slow queue function). They are served from a metadata file
/// written by <see cref="TestMetadata"/>, exactly as the app's are served from functions.metadata.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Functions are instance methods: the host activates their class per invocation.")]
public sealed class TestFunctions
{
    public static ConcurrentQueue<DateTimeOffset> Ticks { get; } = new();

    public static ConcurrentDictionary<string, string> Started { get; } = new();

    public static ConcurrentDictionary<string, string> Finished { get; } = new();

    /// <summary>How many times each message was started.</summary>
    public static ConcurrentDictionary<string, int> Starts { get; } = new();

    public void Tick(TimerInfo timer) => Ticks.Enqueue(DateTimeOffset.UtcNow);

    public async Task Slow(string message, CancellationToken cancellationToken)
    {
        Started[message] = message;
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        Finished[message] = message;
    }

    /// <summary>Runs for <see cref="Faults.QueueLeaseTests.LongRun"/>, two leases: only renewal keeps the message from a second delivery.</summary>
    public async Task Long(string message, CancellationToken cancellationToken)
    {
        Starts.AddOrUpdate(message, 1, (_, n) => n + 1);
        await Task.Delay(Faults.QueueLeaseTests.LongRun, cancellationToken);
        Finished[message] = message;
    }

    /// <summary>Works until its runner goes away: what a crash leaves behind is a leased message.</summary>
    public async Task Hang(string message, CancellationToken cancellationToken)
    {
        Starts.AddOrUpdate(message, 1, (_, n) => n + 1);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
