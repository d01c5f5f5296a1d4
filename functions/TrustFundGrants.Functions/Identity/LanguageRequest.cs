namespace TrustFundGrants.Functions.Identity;

/// <summary>The language a person reads the portal and their emails in.</summary>
public sealed record LanguageRequest(string Language)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Languages.Problem(Language) is { } wrong)
        {
            errors["language"] = [wrong];
        }
    }
}
