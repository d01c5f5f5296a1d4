using System.Globalization;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// The invitation email. The organisation's name is typed by its members, so it enters the subject
/// and text only sanitised to one line of visible text: a name cannot add headers or lines of its own.
/// </summary>
public sealed class InvitationLetters(IEmailSender email, IOptions<AuthOptions> options)
{
    public static EmailMessage Compose(OrganisationEntity organisation, InvitationEntity invitation, Uri portal)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(invitation);
        var name = TextLine.Sanitize(organisation.Name, 120);
        var accept = new Uri(portal, "/applicant/organisation.html?invitation=" + Uri.EscapeDataString(organisation.PartitionKey));
        return new EmailMessage(
            invitation.Email,
            $"Invitation to join {name} on TrustFundGrants",
            $"{invitation.InvitedByEmail} invited you to join {name} on TrustFundGrants, to prepare its grant applications.\n\n"
            + $"To accept, sign in with this address and open {accept}\n\n"
            + $"Nothing happens unless you accept. The invitation lapses on {invitation.ExpiresAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. If you did not expect it, ignore this email.");
    }

    public Task SendAsync(OrganisationEntity organisation, InvitationEntity invitation, CancellationToken cancellationToken) =>
        email.SendAsync(Compose(organisation, invitation, options.Value.PortalBaseUrl), cancellationToken);
}
