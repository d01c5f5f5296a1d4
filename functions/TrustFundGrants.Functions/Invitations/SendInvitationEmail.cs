using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// Emails an invitation the Secretariat made, once per message (<see cref="EmailOnce"/>), in the
/// invitee's stored language, or for an address that has never used the portal, the inviter's.
/// </summary>
public sealed class SendInvitationEmail(InvitationLog log, RoundStore rounds, UserLanguages languages, EmailOnce once, IOptions<AuthOptions> options)
{
    /// <summary>EmailOnce's claims sit apart from the invitations, so listing them never meets one.</summary>
    public const string ClaimPartition = "emails";

    [Function(nameof(SendInvitationEmail))]
    public async Task Run([QueueTrigger(InvitationEmailMessage.Queue)] InvitationEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await once.SendAsync(log.Client, ClaimPartition, InvitationEmailMessage.Queue, message, ComposeAsync, cancellationToken);

        async Task<EmailMessage?> ComposeAsync(CancellationToken ct)
        {
            var found = await log.Client.GetEntityIfExistsAsync<InvitationRecord>(InvitationRecord.Partition, message.RowKey, cancellationToken: ct);
            if (!found.HasValue || found.Value is not { } invitation)
            {
                return null;
            }

            var inviterLanguage = await languages.StoredAsync(invitation.InvitedByEmail, ct);
            var language = await languages.ForAsync(invitation.Email, inviterLanguage, ct);
            var values = new Dictionary<string, string>
            {
                ["inviter"] = invitation.InvitedByEmail,
                ["signIn"] = new Uri(options.Value.PortalBaseUrl, "/signin.html").ToString(),
            };
            if (invitation.Kind == InvitationRecord.Panel)
            {
                // Rounds are never deleted: a panel invitation naming none is bad data, failed (and poisoned) rather than dropped.
                var round = await rounds.FindAsync(invitation.RoundId ?? string.Empty, ct)
                    ?? throw new InvalidOperationException($"Round {invitation.RoundId} does not exist.");
                values["round"] = round.Title;
                return EmailCatalogue.Letter(invitation.Email, language, "invitation.panel", values);
            }

            values["role"] = EmailCatalogue.Render(language, "role." + invitation.Kind, values);
            return EmailCatalogue.Letter(invitation.Email, language, "invitation.role", values);
        }
    }
}
