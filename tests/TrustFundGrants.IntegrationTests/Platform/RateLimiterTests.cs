using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Platform;

/// <summary>The storage-backed limiter against real Azurite, where ETag conflicts actually happen.</summary>
[Collection(RunnerCollection.Name)]
public sealed class RateLimiterTests(RunnerFixture runner)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 9, 1, 0, TimeSpan.Zero));

    private RateLimiter Limiter => new(new TableServiceClient(runner.Azurite.ConnectionString), clock);

    [Fact]
    public async Task TryAcquire_BeyondTheLimit_RefusesUntilTheFirstAttemptLeavesTheWindow()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var wait = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);
        clock.Advance(wait!.Value - TimeSpan.FromSeconds(1));
        var stillRefused = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var onePlace = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);
        var none = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(12), wait);
        Assert.NotNull(stillRefused);
        Assert.Null(onePlace);
        Assert.Equal(TimeSpan.FromMinutes(1), none);
    }

    [Fact]
    public async Task TryAcquire_ABurstEitherSideOfAQuarterHour_IsOneBurst()
    {
        // Fixed quarter-hour windows, as the limiter once kept, let 3 + 3 through in two seconds here.
        var key = "test-" + Guid.NewGuid().ToString("N");
        clock.Advance(TimeSpan.FromMinutes(14) - TimeSpan.FromSeconds(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None));
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        var acrossTheQuarter = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None)));

        Assert.All(acrossTheQuarter, wait => Assert.Equal(Window - TimeSpan.FromSeconds(2), wait));
    }

    [Fact]
    public async Task TryAcquire_ConcurrentRequests_GrantExactlyTheLimit()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Limiter.TryAcquireAsync(key, 5, Window, CancellationToken.None)));

        Assert.Equal(5, results.Count(r => r is null));
    }
}
