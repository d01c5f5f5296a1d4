using TrustFundGrants.Functions.Reviews.Reminders;

namespace TrustFundGrants.Functions.Tests.Reviews;

public sealed class ReminderScheduleTests
{
    [Fact]
    public void Schedule_RemindsOnlyInTheWeekBeforeTheDueDateAfterClosing()
    {
        var closes = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var due = closes.AddDays(21);

        Assert.False(ReminderSchedule.IsReminding(closes, null, closes.AddDays(20)));
        Assert.False(ReminderSchedule.IsReminding(closes, due, closes.AddDays(13)));
        Assert.True(ReminderSchedule.IsReminding(closes, due, closes.AddDays(14)));
        Assert.True(ReminderSchedule.IsReminding(closes, due, due.AddMinutes(-1)));
        Assert.False(ReminderSchedule.IsReminding(closes, due, due));
        Assert.False(ReminderSchedule.IsReminding(closes, closes.AddDays(2), closes.AddHours(-1)));
    }
}
