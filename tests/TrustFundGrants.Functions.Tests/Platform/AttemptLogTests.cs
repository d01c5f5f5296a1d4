using TrustFundGrants.Functions.Platform.RateLimiting;

namespace TrustFundGrants.Functions.Tests.Platform;

public sealed class AttemptLogTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset Nine = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfter_FewerAttemptsThanTheLimitInTheWindow_AllowsOneMore()
    {
        var stored = Log(Nine, 4);

        Assert.Null(AttemptLog.From(stored, Nine.AddMinutes(2) - Window).RetryAfter(5, Window, Nine.AddMinutes(2)));
    }

    [Fact]
    public void RetryAfter_ABurstAtTheEndOfOneQuarterHourAndTheStartOfTheNext_RefusesTheSecondBurst()
    {
        // Fixed quarter-hour windows counted these apart and let ten through in two seconds.
        var burst = Nine.AddMinutes(15).AddSeconds(-1);
        var stored = Log(burst, 5);
        var next = Nine.AddMinutes(15).AddSeconds(1);

        var wait = AttemptLog.From(stored, next - Window).RetryAfter(5, Window, next);

        Assert.Equal(Window - TimeSpan.FromSeconds(2), wait);
    }

    [Fact]
    public void RetryAfter_AttemptsOlderThanTheWindow_NoLongerCount()
    {
        var stored = Log(Nine, 5);
        var later = Nine + Window + TimeSpan.FromTicks(1);

        Assert.Null(AttemptLog.From(stored, later - Window).RetryAfter(5, Window, later));
    }

    [Fact]
    public void With_KeepsOnlyTheLimitsMostRecentAttempts()
    {
        var stored = Log(Nine, 9);

        var kept = AttemptLog.From(AttemptLog.From(stored, Nine - Window).With(Nine.AddMinutes(1), 3), Nine - Window);

        Assert.Equal(3, kept.Count);
    }

    [Fact]
    public void TryAcquire_RandomAttempts_NeverMoreThanTheLimitInAnyWindow_AndRefusesOnlyAFullWindow()
    {
        var random = new Random(20261202);
        for (var run = 0; run < 200; run++)
        {
            var limit = random.Next(1, 8);
            var window = TimeSpan.FromSeconds(random.Next(5, 120));
            var now = Nine;
            byte[]? stored = null;
            var allowed = new List<DateTimeOffset>();
            for (var i = 0; i < 60; i++)
            {
                now += TimeSpan.FromMilliseconds(random.Next(0, 20_000));
                var log = AttemptLog.From(stored, now - window);
                var inWindow = allowed.Count(a => a > now - window);
                var wait = log.RetryAfter(limit, window, now);
                Assert.Equal(inWindow >= limit, wait is not null);
                if (wait is { } w)
                {
                    // The answer is exact: one tick earlier the window still holds the limit, at the answer it does not.
                    Assert.True(allowed.Count(a => a > now + w - TimeSpan.FromTicks(1) - window) >= limit);
                    Assert.True(allowed.Count(a => a > now + w - window) < limit);
                    continue;
                }

                stored = log.With(now, limit);
                allowed.Add(now);
            }

            foreach (var start in allowed)
            {
                Assert.True(allowed.Count(a => a >= start && a < start + window) <= limit, $"more than {limit} within {window} from {start:O}");
            }
        }
    }

    private static byte[] Log(DateTimeOffset at, int count)
    {
        byte[]? stored = null;
        for (var i = 0; i < count; i++)
        {
            stored = AttemptLog.From(stored, at - TimeSpan.FromDays(1)).With(at, int.MaxValue);
        }

        return stored!;
    }
}
