namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// Tells the dashboard projector that a fund's figures changed: a grant was committed, a tranche paid,
/// a refund received, a report accepted (GrantId names the grant), or a contribution received (no grant).
/// It carries ids only; the projector reads the facts as they are when it runs.
/// </summary>
public sealed record ProjectionEvent(string Kind, string FundId, string? GrantId, DateTimeOffset OccurredAt) : WorkMessage
{
    public const string Queue = "projection-events";

    public const string GrantCommitted = "grant-committed";
    public const string TranchePaid = "tranche-paid";
    public const string RefundReceived = "refund-received";
    public const string ReportAccepted = "report-accepted";
    public const string ContributionReceived = "contribution-received";

    public static IReadOnlyList<string> Kinds { get; } = [GrantCommitted, TranchePaid, RefundReceived, ReportAccepted, ContributionReceived];
}
