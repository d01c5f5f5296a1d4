using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.RateLimiting;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>A limiter row as <see cref="RateLimiter"/> leaves it after <c>count</c> attempts in the minute before <c>now</c>.</summary>
internal static class RateLimitRows
{
    public static TableEntity Attempts(string key, int count, DateTimeOffset now)
    {
        var attempts = Array.Empty<byte>();
        for (var i = 0; i < count; i++)
        {
            attempts = AttemptLog.From(attempts, now - TimeSpan.FromDays(1)).With(now - TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(i), int.MaxValue);
        }

        return new TableEntity(key, RateLimiter.Row) { ["Attempts"] = attempts, ETag = new ETag("W/\"c\"") };
    }
}
