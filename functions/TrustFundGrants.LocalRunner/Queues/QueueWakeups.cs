using System.Collections.Concurrent;

namespace TrustFundGrants.LocalRunner.Queues;

/// <summary>
/// Wakes a queue's listeners when this process puts a message on that queue (or makes one visible again), so a
/// message sent by one function reaches the next at once instead of after the listener's polling back-off, as the
/// Functions host's shared queue watcher does for messages its own functions send. Polling still finds every
/// message sent from elsewhere; a wake only shortens the wait.
/// </summary>
public sealed class QueueWakeups
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Wakeup, byte>> listeners = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages put on <paramref name="queue"/> become visible after <paramref name="visibleAfter"/>.</summary>
    public void Notify(string queue, TimeSpan visibleAfter)
    {
        if (!listeners.TryGetValue(queue, out var waiting))
        {
            return;
        }

        if (visibleAfter <= TimeSpan.Zero)
        {
            Wake(waiting);
            return;
        }

        _ = Task.Delay(visibleAfter).ContinueWith(_ => Wake(waiting), TaskScheduler.Default);
    }

    internal Wakeup Register(string queue)
    {
        var waiting = listeners.GetOrAdd(queue, _ => new());
        var wakeup = new Wakeup(w => waiting.TryRemove(w, out _));
        waiting.TryAdd(wakeup, 0);
        return wakeup;
    }

    private static void Wake(ConcurrentDictionary<Wakeup, byte> waiting)
    {
        foreach (var wakeup in waiting.Keys)
        {
            wakeup.Set();
        }
    }

    /// <summary>One listener's signal: set once however many messages arrive before it next waits.</summary>
    internal sealed class Wakeup(Action<Wakeup> unregister) : IDisposable
    {
        private readonly SemaphoreSlim pending = new(0, 1);

        public void Set()
        {
            try
            {
                pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already due to wake.
            }
            catch (ObjectDisposedException)
            {
                // Its listener has stopped.
            }
        }

        public void Dispose()
        {
            unregister(this);
            pending.Dispose();
        }

        /// <summary>Waits until woken or <paramref name="timeout"/> passes; true when woken.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pending.WaitAsync(timeout, cancellationToken);
    }
}
