using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace TrustFundGrants.Benchmarks.Probes;

/// <summary>
/// A queue-triggered function for the queue-pickup scenario, declared in a metadata file the
/// benchmark writes (scriptFile TrustFundGrants.Benchmarks.dll), so the runner loads and calls it as
/// it does the app's own functions: a new instance from the invocation's scope, the message bound to
/// <c>message</c>. It only notes when it started; the message says when it was sent.
/// </summary>
public sealed class PickupProbe(PickupRecorder recorder)
{
    public const string EntryPoint = "TrustFundGrants.Benchmarks.Probes.PickupProbe.Run";

    public void Run(string message) => recorder.Record(message, Stopwatch.GetTimestamp());
}

/// <summary>When each probe message started its function, by sequence number. A singleton in the runner's services.</summary>
public sealed class PickupRecorder
{
    private readonly ConcurrentDictionary<long, Pickup> seen = new();
    private long deliveries;

    /// <summary>Distinct messages seen.</summary>
    public int Count => seen.Count;

    /// <summary>Invocations beyond the first per message (redeliveries); 0 when every message ran once.</summary>
    public long Redelivered => Interlocked.Read(ref deliveries) - seen.Count;

    public static string Message(long sequence, long sentTimestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence}|{sentTimestamp}");

    public void Record(string message, long startedTimestamp)
    {
        ArgumentNullException.ThrowIfNull(message);
        var split = message.IndexOf('|', StringComparison.Ordinal);
        var sequence = long.Parse(message.AsSpan(0, split), CultureInfo.InvariantCulture);
        var sent = long.Parse(message.AsSpan(split + 1), CultureInfo.InvariantCulture);
        Interlocked.Increment(ref deliveries);
        // A redelivered message keeps its first pickup: that is the latency being measured.
        seen.TryAdd(sequence, new Pickup(sent, startedTimestamp));
    }

    public bool TryGet(long sequence, out Pickup pickup) => seen.TryGetValue(sequence, out pickup);
}

/// <summary>One message: when its sender stamped it and when the probe function started on it (Stopwatch timestamps).</summary>
public readonly record struct Pickup(long SentTimestamp, long StartedTimestamp);
