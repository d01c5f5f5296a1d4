namespace TrustFundGrants.Functions.Platform.Concurrency;

/// <summary>
/// How often, and how far apart, a read-check-write is tried again after another writer got there first
/// (a 412 or 409 from storage). Delays grow exponentially and are fully jittered, so writers that
/// collided once do not collide again in step.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>
    /// Enough for 16 Secretariat members deciding in one round at once (every approval takes its turn on the
    /// round's ledger row), with at most about ten seconds of waiting before a 412 is answered.
    /// </summary>
    public static RetryPolicy Default { get; } = new(40, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(500));

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first), given a uniform sample in [0, 1).</summary>
    public TimeSpan DelayBefore(int retry, double unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(unit, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, 1d);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * unit);
    }
}

/// <summary>
/// The one retry loop for optimistic writes. An attempt reads, checks and writes under the ETag of its
/// read, and answers null when the write lost a race (so the next attempt reads again and judges again)
/// or its outcome otherwise.
/// </summary>
public sealed class ConflictRetry(TimeProvider time)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T?>> attempt, Func<T> exhausted, CancellationToken cancellationToken, RetryPolicy? policy = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(exhausted);
        policy ??= RetryPolicy.Default;
        for (var tried = 0; tried < policy.MaxAttempts; tried++)
        {
            if (tried > 0)
            {
                await Task.Delay(policy.DelayBefore(tried, Random.Shared.NextDouble()), time, cancellationToken);
            }

            if (await attempt(cancellationToken) is { } outcome)
            {
                return outcome;
            }
        }

        return exhausted();
    }
}

public static class Optimistic
{
    /// <summary>
    /// Runs a commit made under the ETags of earlier reads: true when it committed, false when another
    /// writer changed a row since it was read (412) or created one first (409), so the caller reads again.
    /// </summary>
    public static async Task<bool> TryCommitAsync(Func<Task> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        try
        {
            await commit();
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
