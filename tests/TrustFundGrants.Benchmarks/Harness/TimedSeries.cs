using System.Diagnostics;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Repetitions of one operation, each timed with its memory watched (<see cref="MemoryWatch"/>): the
/// collection and sampler start before the clock and stop after it, so neither is in the time.
/// </summary>
internal sealed class TimedSeries(string name)
{
    private readonly List<double> times = [];
    private readonly List<MemoryReading> memory = [];
    private readonly List<long> runnerAllocated = [];

    public string Name => name;

    public Latencies Times => new(times);

    /// <summary>Each repetition's milliseconds, in the order they ran.</summary>
    public IReadOnlyList<double> Samples => times;

    public IReadOnlyList<MemoryReading> Memory => memory;

    /// <summary>Allocations the runner's middleware saw for the request (HTTP operations only).</summary>
    public IReadOnlyList<long> RunnerAllocated => runnerAllocated;

    /// <summary>Runs <paramref name="operation"/> once; keeps its figures when <paramref name="record"/>.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, bool record = true)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var watch = MemoryWatch.Start();
        var start = Stopwatch.GetTimestamp();
        var result = await operation();
        var elapsed = Latencies.Since(start);
        var reading = watch.Stop();
        if (record)
        {
            times.Add(elapsed);
            memory.Add(reading);
        }

        return result;
    }

    public void AddRunnerAllocated(long bytes) => runnerAllocated.Add(bytes);

    /// <summary>The median of a per-repetition figure.</summary>
    public static double Median(IEnumerable<long> values) => new Latencies(values.Select(v => (double)v)).P50;
}
