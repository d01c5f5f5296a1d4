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
    public async Task TryAcquire_BeyondTheLimit_RefusesUntilTheWindowEnds()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None));
        }

        var wait = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(13));
        var stillRefused = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        var nextWindow = await Limiter.TryAcquireAsync(key, 3, Window, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(14), wait);
        Assert.NotNull(stillRefused);
        Assert.Null(nextWindow);
    }

    [Fact]
    public async Task TryAcquire_ConcurrentRequests_GrantExactlyTheLimit()
    {
        var key = "test-" + Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Limiter.TryAcquireAsync(key, 5, Window, CancellationToken.None)));

        Assert.Equal(5, results.Count(r => r is null));
    }
}
