using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>Email the person an <see cref="InvitationRecord"/> names (RowKey) about it.</summary>
public sealed record InvitationEmailMessage(string RowKey) : WorkMessage
{
    public const string Queue = "invitation-emails";
}
