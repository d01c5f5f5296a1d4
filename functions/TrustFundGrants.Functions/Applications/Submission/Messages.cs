using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>Screen a submitted application against its round's eligibility questions.</summary>
public sealed record ScreeningMessage(string RoundId, string ApplicationId) : WorkMessage
{
    public const string Queue = "screening";
}

/// <summary>Tell the applicant something about their application: <see cref="Kinds"/>.</summary>
public sealed record ApplicationEmailMessage(string RoundId, string ApplicationId, string Kind) : WorkMessage
{
    public const string Queue = "application-emails";

    public static class Kinds
    {
        public const string Acknowledgement = "acknowledgement";
        public const string Screening = "screening";
        public const string Decision = "decision";
    }
}
