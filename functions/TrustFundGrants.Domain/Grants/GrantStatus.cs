namespace TrustFundGrants.Domain;

/// <summary>
/// Where a grant agreement stands, as stored words. Draft: the Secretariat sets the terms;
/// AwaitingSignature: sent to the NGO; Active: accepted, money committed; Suspended: payments held;
/// Closed: reports in and money settled; Terminated: ended early, with a reason.
/// </summary>
public static class GrantStatus
{
    public const string Draft = "Draft";
    public const string AwaitingSignature = "AwaitingSignature";
    public const string Active = "Active";
    public const string Suspended = "Suspended";
    public const string Closed = "Closed";
    public const string Terminated = "Terminated";

    public static readonly IReadOnlyList<string> All = [Draft, AwaitingSignature, Active, Suspended, Closed, Terminated];

    private static readonly HashSet<(string From, string To)> Moves =
    [
        (Draft, AwaitingSignature),
        // The Secretariat takes a sent agreement back to correct it before anyone signed.
        (AwaitingSignature, Draft),
        (AwaitingSignature, Active),
        (Active, Suspended),
        (Suspended, Active),
        (Active, Closed),
        (Draft, Terminated),
        (AwaitingSignature, Terminated),
        (Active, Terminated),
        (Suspended, Terminated),
    ];

    public static bool CanMove(string from, string to) => Moves.Contains((from, to));

    /// <summary>Whether the terms may still change without an amendment.</summary>
    public static bool TermsEditable(string status) => status == Draft;

    /// <summary>Whether money may move (tranches requested, approved, paid).</summary>
    public static bool Pays(string status) => status == Active;
}
