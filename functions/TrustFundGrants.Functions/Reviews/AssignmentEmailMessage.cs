using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// Tell one reviewer what one assignment run (automatic, or one by hand) gave them in one round: the
/// assignments carrying <c>RunId</c>. One message per reviewer per run, whatever the run's size.
/// </summary>
public sealed record AssignmentEmailMessage(string RoundId, string RunId, string ReviewerId) : WorkMessage
{
    public const string Queue = "assignment-emails";
}
