namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>Waits for background work (queues, timers) to reach a state, failing with a clear message if it never does.</summary>
internal static class Eventually
{
    public static async Task<T> WaitFor<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        T value;
        while (!done(value = await probe()))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {value}");
            }

            await Task.Delay(50);
        }

        return value;
    }
}
