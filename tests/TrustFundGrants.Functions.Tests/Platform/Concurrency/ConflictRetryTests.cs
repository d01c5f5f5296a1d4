using Azure;
using TrustFundGrants.Functions.Platform.Concurrency;

namespace TrustFundGrants.Functions.Tests.Platform.Concurrency;

public sealed class ConflictRetryTests
{
    private static readonly RetryPolicy NoWait = new(5, TimeSpan.Zero, TimeSpan.Zero);

    [Fact]
    public void DelayBefore_Retries_GrowExponentiallyUpToTheCapAndScaleWithTheSample()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Equal(
            [5d, 10d, 20d, 40d, 50d, 50d],
            Enumerable.Range(1, 6).Select(retry => policy.DelayBefore(retry, 0.5).TotalMilliseconds).ToArray());
        Assert.Equal(TimeSpan.Zero, policy.DelayBefore(3, 0));
        Assert.True(policy.DelayBefore(30, 0.999999) <= TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void DelayBefore_OutOfRange_Throws(int retry, double unit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Default.DelayBefore(retry, unit));

    [Fact]
    public async Task RunAsync_RacedTwiceThenDone_TriesThreeTimesAndAnswersTheOutcome()
    {
        var tries = 0;

        var outcome = await new ConflictRetry(TimeProvider.System).RunAsync(
            _ => Task.FromResult(++tries < 3 ? null : "done"), () => "exhausted", CancellationToken.None, NoWait);

        Assert.Equal(("done", 3), (outcome, tries));
    }

    [Fact]
    public async Task RunAsync_AlwaysRaced_StopsAtMaxAttemptsWithTheExhaustedAnswer()
    {
        var tries = 0;

        var outcome = await new ConflictRetry(TimeProvider.System).RunAsync<string>(
            _ =>
            {
                tries++;
                return Task.FromResult<string?>(null);
            },
            () => "exhausted",
            CancellationToken.None,
            NoWait);

        Assert.Equal(("exhausted", 5), (outcome, tries));
    }

    [Theory]
    [InlineData(409)]
    [InlineData(412)]
    public async Task TryCommitAsync_LostRace_False(int status) =>
        Assert.False(await Optimistic.TryCommitAsync(() => throw new RequestFailedException(status, "raced")));

    [Fact]
    public async Task TryCommitAsync_OtherFailure_Throws() =>
        await Assert.ThrowsAsync<RequestFailedException>(() => Optimistic.TryCommitAsync(() => throw new RequestFailedException(503, "busy")));

    [Fact]
    public async Task TryCommitAsync_Committed_True() =>
        Assert.True(await Optimistic.TryCommitAsync(() => Task.CompletedTask));
}
