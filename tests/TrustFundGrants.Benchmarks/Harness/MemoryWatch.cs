using System.Globalization;
using System.Runtime;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// This process's memory while one operation runs (client, runner and raw baselines share the process,
/// and one operation runs at a time, so the figures are the operation's). Three readings, because each
/// answers a different question:
/// <list type="bullet">
/// <item>peak resident set from the kernel (VmHWM, reset through /proc/self/clear_refs at the start): exact,
/// not sampled, what the machine had to give the process; with Server GC mostly the GC's allocation budget
/// rather than what the code keeps;</item>
/// <item>peak GC heap, sampled every 2 ms on a thread of its own (<see cref="GC.GetTotalMemory(bool)"/>, which
/// counts garbage not yet collected): how far the managed heap grew;</item>
/// <item>bytes allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>): the most repeatable of the three, the work
/// the code hands the GC, and comparable between the function and a raw scan.</item>
/// </list>
/// Each watch starts from a full blocking collection, so an operation does not pay for the previous one's garbage.
/// Off Linux the resident peak is the sampled <see cref="Environment.WorkingSet"/>.
/// </summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly Thread sampler;
    private readonly long rssBefore;
    private readonly long heapBefore;
    private readonly long allocatedBefore;
    private readonly int[] collectionsBefore;
    private readonly bool kernelPeak;
    private long sampledRss;
    private long sampledHeap;
    private volatile bool stopping;

    private MemoryWatch()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        kernelPeak = ResetKernelPeak();
        rssBefore = Environment.WorkingSet;
        heapBefore = GC.GetTotalMemory(false);
        sampledRss = rssBefore;
        sampledHeap = heapBefore;
        collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        sampler = new Thread(Sample) { IsBackground = true, Name = "memory-watch" };
        sampler.Start();
    }

    /// <summary>Collects, resets the peak and starts sampling; call just before the clock starts.</summary>
    public static MemoryWatch Start() => new();

    /// <summary>Stops sampling; call just after the clock stops.</summary>
    public MemoryReading Stop()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        stopping = true;
        sampler.Join();
        var peakRss = Math.Max(sampledRss, kernelPeak ? KernelPeak() : 0);
        return new MemoryReading(
            rssBefore,
            peakRss,
            heapBefore,
            sampledHeap,
            allocated,
            GC.CollectionCount(0) - collectionsBefore[0],
            GC.CollectionCount(1) - collectionsBefore[1],
            GC.CollectionCount(2) - collectionsBefore[2]);
    }

    public void Dispose()
    {
        stopping = true;
        if (sampler.IsAlive)
        {
            sampler.Join();
        }
    }

    public static string Method => OperatingSystem.IsLinux() && ResetKernelPeak()
        ? "peak RSS: kernel VmHWM reset per operation (/proc/self/clear_refs); GC heap: sampled every 2 ms; allocated: GC.GetTotalAllocatedBytes(precise)"
        : "peak RSS and GC heap: sampled every 2 ms; allocated: GC.GetTotalAllocatedBytes(precise)";

    private void Sample()
    {
        while (!stopping)
        {
            sampledHeap = Math.Max(sampledHeap, GC.GetTotalMemory(false));
            sampledRss = Math.Max(sampledRss, Environment.WorkingSet);
            Thread.Sleep(2);
        }
    }

    // Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one (Linux 4.0+).
    private static bool ResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long KernelPeak()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? 0 : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Memory over one operation; peaks are absolute, the rest relative to the start.</summary>
internal sealed record MemoryReading(long RssBefore, long PeakRss, long HeapBefore, long PeakHeap, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public long RssGrowth => PeakRss - RssBefore;

    public long HeapGrowth => PeakHeap - HeapBefore;

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
}
