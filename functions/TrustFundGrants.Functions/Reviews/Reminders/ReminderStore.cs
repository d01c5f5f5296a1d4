namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>
/// Reminders sent, one row per reviewer per round per day: PartitionKey the round's id, RowKey
/// "{reviewerId}|{yyyy-MM-dd}". The row and its email's outbox row commit together, so a reviewer
/// is reminded at most once a day however often the timer runs.
/// </summary>
public static class ReminderStore
{
    public const string Table = "reminders";
}
