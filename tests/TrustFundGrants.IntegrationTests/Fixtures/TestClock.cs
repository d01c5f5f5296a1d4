namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// The runner's clock in tests: real time plus an offset that a test moves forward. Everything that
/// waits on real work (queues, HTTP, the browser) runs at real speed, while a rule that waits for a time
/// (a round's deadline, an email claim's expiry, a reminder's day, a timer's next occurrence) is stepped
/// through with <see cref="Advance"/> instead of waited for. Timers made by this clock are due at a clock
/// time, so a step wakes the ones it passes at once. It never goes back: sessions, links and claims stamped
/// with it stay ordered.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock gate = new();
    private readonly HashSet<SteppedTimer> timers = [];
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock just past <paramref name="instant"/> (a deadline, an expiry) unless it is there already.</summary>
    public void StepPast(DateTimeOffset instant)
    {
        var left = instant - GetUtcNow();
        Advance(left > TimeSpan.Zero ? left + TimeSpan.FromSeconds(1) : TimeSpan.Zero);
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
        SteppedTimer[] live;
        lock (gate)
        {
            live = [.. timers];
        }

        foreach (var timer in live)
        {
            timer.Rearm();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppedTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Forget(SteppedTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    /// <summary>A timer due at a time on the clock, not after an interval of real time.</summary>
    private sealed class SteppedTimer : ITimer
    {
        private readonly TestClock clock;
        private readonly TimerCallback callback;
        private readonly object? state;
        private readonly Timer real;
        private readonly Lock gate = new();
        private DateTimeOffset? dueAt;
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public SteppedTimer(TestClock clock, TimerCallback callback, object? state)
        {
            (this.clock, this.callback, this.state) = (clock, callback, state);
            real = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (gate)
            {
                this.period = period;
                dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }

            Rearm();
            return true;
        }

        public void Rearm()
        {
            lock (gate)
            {
                ArmLocked();
            }
        }

        private void ArmLocked()
        {
            var wait = dueAt is { } due ? Max(due - clock.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
            real.Change(wait, Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            lock (gate)
            {
                if (dueAt is not { } due || clock.GetUtcNow() < due)
                {
                    ArmLocked();
                    return;
                }

                dueAt = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : due + period;
            }

            callback(state);
            Rearm();
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        public void Dispose()
        {
            real.Dispose();
            clock.Forget(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
