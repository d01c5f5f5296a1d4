using System.Diagnostics;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>A set of latencies in milliseconds, sorted once; percentiles interpolate linearly between ranks.</summary>
internal sealed class Latencies
{
    private readonly double[] sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        sorted = milliseconds.ToArray();
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Min => sorted.Length == 0 ? double.NaN : sorted[0];

    public double Mean => sorted.Length == 0 ? double.NaN : sorted.Average();

    public double Percentile(double quantile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = quantile * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>Milliseconds between two <see cref="Stopwatch.GetTimestamp"/> readings.</summary>
    public static double Ms(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Milliseconds since a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public static double Since(long start) => Ms(start, Stopwatch.GetTimestamp());
}
