using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Platform.Audit;

/// <summary>
/// One audit entry owed by a committed change, staged in the change's own transaction. Unlike other work
/// messages it carries the entry itself (small summaries): the change it records has already happened,
/// so there is nothing left to read by id.
/// </summary>
public sealed record AuditMessage(
    string ActorId, string ActorEmail, string Action, string Target, DateTimeOffset At, string Before, string After) : WorkMessage
{
    public const string Queue = "audit";
}
