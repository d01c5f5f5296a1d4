namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// A fact the donor and public projections apply, each once by its message id: staged through the
/// outbox in the same transaction as the change it reports. <c>Kind</c> is one of <see cref="Kinds"/>;
/// <c>GrantId</c> is null for a contribution.
/// </summary>
public sealed record ProjectionEvent(string Kind, string FundId, string? GrantId, DateTimeOffset OccurredAt) : WorkMessage
{
    public const string Queue = "projection-events";

    public static class Kinds
    {
        public const string GrantCommitted = "grant-committed";
        public const string TranchePaid = "tranche-paid";
        public const string RefundReceived = "refund-received";
        public const string ReportAccepted = "report-accepted";
        public const string ContributionReceived = "contribution-received";
    }
}
