using System.Buffers.Binary;

namespace TrustFundGrants.Functions.Platform.RateLimiting;

/// <summary>
/// The times of a key's most recent attempts, oldest first: at most as many as the limit, since an
/// attempt older than the limit-th most recent can never decide an answer. Kept whole in one row (8
/// bytes an attempt), so a limit of a few dozen costs one point read and one conditional write.
/// </summary>
public sealed class AttemptLog
{
    private readonly long[] ticks;

    private AttemptLog(long[] ticks) => this.ticks = ticks;

    /// <summary>The attempts in <paramref name="stored"/> made after <paramref name="since"/>.</summary>
    public static AttemptLog From(byte[]? stored, DateTimeOffset since)
    {
        var all = new List<long>();
        for (var offset = 0; stored is not null && offset + 8 <= stored.Length; offset += 8)
        {
            var at = BinaryPrimitives.ReadInt64LittleEndian(stored.AsSpan(offset, 8));
            if (at > since.UtcTicks)
            {
                all.Add(at);
            }
        }

        all.Sort();
        return new AttemptLog([.. all]);
    }

    public int Count => ticks.Length;

    /// <summary>
    /// Null when one more attempt at <paramref name="now"/> keeps at most <paramref name="limit"/> attempts
    /// within any <paramref name="window"/>; otherwise how long until the attempt that frees a place leaves it.
    /// </summary>
    public TimeSpan? RetryAfter(int limit, TimeSpan window, DateTimeOffset now)
    {
        if (ticks.Length < limit)
        {
            return null;
        }

        var freesAPlace = ticks[ticks.Length - limit];
        return TimeSpan.FromTicks(Math.Max(1, freesAPlace + window.Ticks - now.UtcTicks));
    }

    /// <summary>The log with an attempt at <paramref name="now"/>, keeping the most recent <paramref name="limit"/>.</summary>
    public byte[] With(DateTimeOffset now, int limit)
    {
        var kept = ticks.Append(now.UtcTicks).TakeLast(Math.Max(1, limit)).ToArray();
        var bytes = new byte[kept.Length * 8];
        for (var i = 0; i < kept.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8, 8), kept[i]);
        }

        return bytes;
    }
}
