namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>When a round's reviewers are reminded: daily, from <see cref="Lead"/> before reviews fall due until they do.</summary>
public static class ReminderSchedule
{
    /// <summary>A week: long enough to finish a handful of reviews, short enough not to nag a volunteer panel for a month.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(7);

    /// <summary>How long a "reminded today" row is kept: a day plus the widest time-zone offsets.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(2);

    public static bool IsReminding(DateTimeOffset closesAt, DateTimeOffset? reviewDueAt, DateTimeOffset now) =>
        reviewDueAt is { } due && now >= closesAt && now < due && due - now <= Lead;

    /// <summary>The reminder row of one reviewer on one day: its existence is "already reminded today".</summary>
    public static string RowKey(string reviewerId, string day) => $"{reviewerId}|{day}";
}
