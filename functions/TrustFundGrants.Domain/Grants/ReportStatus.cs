namespace TrustFundGrants.Domain;

/// <summary>A grantee report: Draft while the NGO writes it, Submitted, then Accepted or ReturnedForChanges (and resubmitted).</summary>
public static class ReportStatus
{
    public const string Draft = "Draft";
    public const string Submitted = "Submitted";
    public const string Accepted = "Accepted";
    public const string ReturnedForChanges = "ReturnedForChanges";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Accepted, ReturnedForChanges];

    /// <summary>The NGO edits a report it has not submitted, or one returned to it.</summary>
    public static bool Editable(string status) => status is Draft or ReturnedForChanges;

    /// <summary>Whether the report is still owed by the NGO (reminders and overdue lists count these).</summary>
    public static bool Owed(string status) => status is Draft or ReturnedForChanges;
}

/// <summary>
/// When a grantee is reminded of a report: 14 days and 3 days before it is due, on the day it becomes
/// overdue, then weekly. Each reminder has a key, so each is sent once however often the timer runs.
/// </summary>
public static class ReportReminders
{
    /// <summary>The latest reminder owed on <paramref name="today"/>, or null when none is yet; earlier ones a late timer skipped are not sent.</summary>
    public static string? Latest(DateOnly dueOn, DateOnly today)
    {
        var daysLeft = dueOn.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            > 14 => null,
            > 3 => "due-14",
            >= 0 => "due-3",
            _ => "overdue-" + ((-daysLeft - 1) / 7),
        };
    }
}
