namespace TrustFundGrants.Domain;

/// <summary>
/// Moving a round's deadline once its terms are fixed. Applicants plan around the deadline, so it may
/// move only while the round still takes applications (upcoming or open), never into the past (that
/// would close the round behind the backs of people submitting now; closing early is its own,
/// explicit step), and it must stay between opening and the panel's review due date.
/// </summary>
public static class RoundDeadline
{
    public const string Closed = "This round has closed; its deadline can no longer move.";
    public const string NotOpen = "This round has not opened yet; change its dates by editing it instead.";
    public const string Passed = "Give a deadline that has not passed yet. To stop taking applications now, close the round early.";
    public const string BeforeOpening = "The deadline must be after the round opens.";
    public const string AfterReviewsDue = "The deadline must be before the panel's reviews fall due; move that date first.";

    /// <summary>Why the deadline cannot move to <paramref name="closesAt"/> as a field error, or null when it can; <see cref="Closed"/> is a state conflict, not a field error.</summary>
    public static string? ProblemMoving(DateTimeOffset opensAt, DateTimeOffset currentClosesAt, DateTimeOffset? reviewDueAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        now >= currentClosesAt ? Closed
        : closesAt <= now ? Passed
        : closesAt <= opensAt ? BeforeOpening
        : reviewDueAt is { } due && closesAt >= due ? AfterReviewsDue
        : null;

    /// <summary>Why the round cannot close now, or null when it can: only an open round closes early.</summary>
    public static string? ProblemClosing(DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        RoundSchedule.StatusAt(opensAt, closesAt, now) switch
        {
            RoundStatus.Open => null,
            RoundStatus.Upcoming => NotOpen,
            _ => Closed,
        };
}
