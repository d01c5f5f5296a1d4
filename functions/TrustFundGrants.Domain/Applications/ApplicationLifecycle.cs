namespace TrustFundGrants.Domain;

/// <summary>
/// The application lifecycle as stored words: Draft → Submitted → Eligible / Ineligible → Approved /
/// Rejected / Waitlisted (when decisions are released); Withdrawn from any state before that.
/// There is no "UnderReview": review assignments live beside the application (another table, kept
/// with the panel's own writes), so a status copied from them could disagree with them; an eligible
/// application with assignments is the one under review.
/// </summary>
public static class ApplicationStatus
{
    public const string Draft = "Draft";
    public const string Submitted = "Submitted";
    public const string Eligible = "Eligible";
    public const string Ineligible = "Ineligible";
    public const string Withdrawn = "Withdrawn";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Waitlisted = "Waitlisted";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Draft, Submitted, Eligible, Ineligible, Approved, Rejected, Waitlisted, Withdrawn,
    };
}

/// <summary>The Secretariat's outcomes, held on an eligible application until released, and the status each becomes.</summary>
public static class DecisionOutcome
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Waitlisted = "waitlisted";

    private static readonly Dictionary<string, string> StatusOf = new(StringComparer.Ordinal)
    {
        [Approved] = ApplicationStatus.Approved,
        [Rejected] = ApplicationStatus.Rejected,
        [Waitlisted] = ApplicationStatus.Waitlisted,
    };

    public static IReadOnlyCollection<string> All => StatusOf.Keys;

    public static bool IsKnown(string? outcome) => outcome is not null && StatusOf.ContainsKey(outcome);

    /// <summary>The status a released outcome gives the application. An unknown outcome is a bug, never a waitlisting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The outcome is not one of <see cref="All"/>.</exception>
    public static string StatusOnRelease(string outcome) =>
        outcome is not null && StatusOf.TryGetValue(outcome, out var status)
            ? status
            : throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a decision outcome.");
}

/// <summary>Which moves the lifecycle allows; the functions ask here rather than list statuses themselves.</summary>
public static class ApplicationLifecycle
{
    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [ApplicationStatus.Draft] = [ApplicationStatus.Submitted, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Submitted] = [ApplicationStatus.Eligible, ApplicationStatus.Ineligible, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Eligible] = [ApplicationStatus.Approved, ApplicationStatus.Rejected, ApplicationStatus.Waitlisted, ApplicationStatus.Withdrawn],
        [ApplicationStatus.Ineligible] = [ApplicationStatus.Withdrawn],
        [ApplicationStatus.Approved] = [],
        [ApplicationStatus.Rejected] = [],
        [ApplicationStatus.Waitlisted] = [],
        [ApplicationStatus.Withdrawn] = [],
    };

    public static bool CanMove(string from, string to) =>
        Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>Only a draft's content and documents change.</summary>
    public static bool IsEditable(string status) => status == ApplicationStatus.Draft;

    public static bool MayWithdraw(string status) => CanMove(status, ApplicationStatus.Withdrawn);

    /// <summary>Eligible and not yet released: a held decision may be made or changed.</summary>
    public static bool MayDecide(string status, bool released) => status == ApplicationStatus.Eligible && !released;
}
