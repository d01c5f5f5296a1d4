namespace TrustFundGrants.Domain;

/// <summary>
/// A tranche's way to the grantee: Scheduled, Due (its date came and the report it waits for was
/// accepted), Requested by one Secretariat member, Approved by a different one, Paid. Cancelled when
/// close-out finds it is no longer owed.
/// </summary>
public static class TrancheStatus
{
    public const string Scheduled = "Scheduled";
    public const string Due = "Due";
    public const string Requested = "Requested";
    public const string Approved = "Approved";
    public const string Paid = "Paid";
    public const string Cancelled = "Cancelled";

    public static readonly IReadOnlyList<string> All = [Scheduled, Due, Requested, Approved, Paid, Cancelled];
}

/// <summary>Why a tranche step is refused; null when it is allowed.</summary>
public static class TrancheRules
{
    /// <summary>A tranche falls due when its date has come and the report it depends on (if any) is accepted.</summary>
    public static bool FallsDue(DateOnly dueOn, DateOnly today, bool reportAccepted) => dueOn <= today && reportAccepted;

    public static string? Request(string grantStatus, string trancheStatus) =>
        !GrantStatus.Pays(grantStatus) ? $"The grant is {grantStatus}; payments are made only on active grants."
        : trancheStatus != TrancheStatus.Due ? $"This tranche is {trancheStatus}; only a due tranche can be requested."
        : null;

    /// <summary>Four eyes: whoever requested a payment cannot approve it.</summary>
    public static string? Approve(string grantStatus, string trancheStatus, string requestedBy, string approver) =>
        !GrantStatus.Pays(grantStatus) ? $"The grant is {grantStatus}; payments are made only on active grants."
        : trancheStatus != TrancheStatus.Requested ? $"This tranche is {trancheStatus}; only a requested payment can be approved."
        : string.Equals(requestedBy, approver, StringComparison.Ordinal) ? "You requested this payment; a different Secretariat member must approve it."
        : null;

    public static string? Pay(string grantStatus, string trancheStatus) =>
        !GrantStatus.Pays(grantStatus) ? $"The grant is {grantStatus}; payments are made only on active grants."
        : trancheStatus != TrancheStatus.Approved ? $"This tranche is {trancheStatus}; only an approved payment can be paid."
        : null;
}
