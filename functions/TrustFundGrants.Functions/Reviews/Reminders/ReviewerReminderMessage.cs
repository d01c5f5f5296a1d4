using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Reviews.Reminders;

/// <summary>Remind one reviewer of their unfinished reviews in one round, on one day (the round's own calendar).</summary>
public sealed record ReviewerReminderMessage(string RoundId, string ReviewerId, string Day) : WorkMessage
{
    public const string Queue = "reviewer-reminders";
}
