namespace TrustFundGrants.Functions.Identity;

/// <summary>A body that names one person by email: a sign-in request, a colleague, a panel member.</summary>
public sealed record EmailRequest(string Email);
