using System.Diagnostics;
using System.Globalization;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// CPU time of this process (client, runner and raw baselines share it) and of the scenario's Azurite
/// (one Node.js process), to tell which side a saturated run is waiting on. Linux only (/proc); NaN elsewhere.
/// </summary>
internal sealed class CpuTime : IDisposable
{
    private readonly Process? azurite;

    public CpuTime(AzuritePorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        azurite = OperatingSystem.IsLinux() ? FindAzurite(ports.Table) : null;
    }

    public Sample Now()
    {
        using var self = Process.GetCurrentProcess();
        azurite?.Refresh();
        return new Sample(
            Stopwatch.GetTimestamp(),
            self.TotalProcessorTime.TotalSeconds,
            azurite is { HasExited: false } ? azurite.TotalProcessorTime.TotalSeconds : double.NaN);
    }

    public void Dispose() => azurite?.Dispose();

    /// <summary>The 1-minute load average, the machine's business beyond this run; NaN where /proc is absent.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    /// <summary>"this process 1.6 cores, Azurite 0.9 cores over 9.7 s (2 cores)".</summary>
    public static string Describe(Sample from, Sample to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var wall = Latencies.Ms(from.Timestamp, to.Timestamp) / 1000;
        return Fmt.Inv($"this process (clients, runner) {(to.Self - from.Self) / wall:0.00} cores, Azurite {(to.Azurite - from.Azurite) / wall:0.00} cores, over {wall:0.0} s on a {Environment.ProcessorCount}-core machine");
    }

    // Azurite's command line names its table port, which is unique to this scenario's instance.
    private static Process? FindAzurite(int tablePort)
    {
        var needle = "--tablePort\0" + tablePort.ToString(CultureInfo.InvariantCulture) + "\0";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(needle, StringComparison.Ordinal))
                {
                    return Process.GetProcessById(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    public sealed record Sample(long Timestamp, double Self, double Azurite);
}
