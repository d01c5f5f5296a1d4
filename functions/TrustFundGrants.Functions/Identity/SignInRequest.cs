namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// A sign-in request: the address, and the language of the page it was asked from, in which the link
/// is written (a first sign-in has no stored language yet; a returning person's page shows their own).
/// </summary>
public sealed record SignInRequest(string Email, string? Language = null)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (EmailAddress.Problem(Email) is { } wrong)
        {
            errors["email"] = [wrong];
        }

        if (Language is not null && Languages.Problem(Language) is { } unknown)
        {
            errors["language"] = [unknown];
        }
    }
}
