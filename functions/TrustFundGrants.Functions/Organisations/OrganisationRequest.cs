using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Identity;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// What an NGO says about itself, for registration and for later edits. <see cref="NotNamedPublicly"/> left out
/// (null) keeps the setting as it is: an edit from a client that does not know the option must never make an
/// NGO whose safety depends on it named in public again.
/// </summary>
public sealed record OrganisationRequest(string Name, string Country, string RegistrationNumber, string? Website, string ContactEmail, bool? NotNamedPublicly = null)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TextLine.HasForbidden(Name))
        {
            errors["name"] = [TextLine.ForbiddenMessage];
        }
        else if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length is < 2 or > 200)
        {
            errors["name"] = ["Give the organisation's name, 2 to 200 characters."];
        }

        if (!CountryCode.TryParse(Country, out _))
        {
            errors["country"] = ["Give the country of registration as an ISO 3166-1 alpha-2 code, such as KE or PH."];
        }

        if (TextLine.HasForbidden(RegistrationNumber))
        {
            errors["registrationNumber"] = [TextLine.ForbiddenMessage];
        }
        else if (string.IsNullOrWhiteSpace(RegistrationNumber) || RegistrationNumber.Trim().Length > 100)
        {
            errors["registrationNumber"] = ["Give the registration number, up to 100 characters."];
        }

        if (!string.IsNullOrEmpty(Website)
            && (Website.Length > 300 || !Uri.TryCreate(Website, UriKind.Absolute, out var site) || site.Scheme is not ("https" or "http")))
        {
            errors["website"] = ["Give the website as a full address starting with https://, or leave it empty."];
        }

        if (EmailAddress.Problem(ContactEmail) is { } problem)
        {
            errors["contactEmail"] = [problem];
        }
    }

    public void ApplyTo(OrganisationEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.Name = Name.Trim();
        entity.Country = Country;
        entity.RegistrationNumber = RegistrationNumber.Trim();
        entity.Website = Website ?? string.Empty;
        entity.ContactEmail = EmailAddress.Normalize(ContactEmail);
        if (NotNamedPublicly is { } notNamed)
        {
            entity.NotNamedPublicly = notNamed;
        }
    }
}
