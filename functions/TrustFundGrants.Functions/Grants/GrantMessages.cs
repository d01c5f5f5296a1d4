using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>Create the grant an approval owes (staged by the release of decisions).</summary>
public sealed record GrantCreationMessage(string RoundId, string ApplicationId) : WorkMessage
{
    public const string Queue = "grant-creation";
}

/// <summary>Bring a grant's index rows up to date with its partition.</summary>
public sealed record GrantIndexMessage(string GrantId) : WorkMessage
{
    public const string Queue = "grant-index";
}

/// <summary>Tell the grantee something about its grant: <see cref="Kinds"/>; <c>Number</c> names the tranche or report.</summary>
public sealed record GrantEmailMessage(string GrantId, string Kind, int? Number = null) : WorkMessage
{
    public const string Queue = "grant-emails";

    public static class Kinds
    {
        public const string AgreementReady = "agreement-ready";
        public const string TranchePaid = "tranche-paid";
        public const string ReportDueSoon = "report-due-14";
        public const string ReportDueVerySoon = "report-due-3";
        public const string ReportOverdue = "report-overdue";
        public const string ReportReturned = "report-returned";
        public const string ReportAccepted = "report-accepted";
    }
}
