using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// The invitation email, in the invitee's stored language or, for an address new to the portal, the
/// inviting member's. The organisation's name is typed by its members, so it enters the subject and
/// text only sanitised to one line of visible text: a name cannot add headers or lines of its own.
/// </summary>
public sealed class InvitationLetters(IEmailSender email, UserLanguages languages, IOptions<AuthOptions> options)
{
    public static EmailMessage Compose(OrganisationEntity organisation, InvitationEntity invitation, Uri portal, string language)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(invitation);
        var accept = new Uri(portal, "/applicant/organisation.html?invitation=" + Uri.EscapeDataString(organisation.PartitionKey));
        return EmailCatalogue.Letter(
            invitation.Email,
            language,
            "invitation.organisation",
            new Dictionary<string, string>
            {
                ["inviter"] = invitation.InvitedByEmail,
                ["organisation"] = TextLine.Sanitize(organisation.Name, 120),
                ["accept"] = accept.ToString(),
                ["expires"] = new EmailLocale(language).Date(invitation.ExpiresAt),
            });
    }

    public async Task SendAsync(OrganisationEntity organisation, InvitationEntity invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var language = await languages.ForAsync(invitation.Email, await languages.StoredAsync(invitation.InvitedByEmail, cancellationToken), cancellationToken);
        await email.SendAsync(Compose(organisation, invitation, options.Value.PortalBaseUrl, language), cancellationToken);
    }
}
