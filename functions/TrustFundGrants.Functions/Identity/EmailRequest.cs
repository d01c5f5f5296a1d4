namespace TrustFundGrants.Functions.Identity;

/// <summary>A body that names one person by email: a sign-in request, a colleague, a panel member.</summary>
public sealed record EmailRequest(string Email)
{
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (EmailAddress.Problem(Email) is { } wrong)
        {
            errors["email"] = [wrong];
        }
    }
}
